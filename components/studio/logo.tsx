import { Clapperboard } from "lucide-react";
import { cn } from "@/lib/utils";

/** The clapperboard mark and the name. */
export function Logo({ large, className }: { large?: boolean; className?: string }) {
  return (
    <span className={cn("flex items-center gap-2 font-semibold", large ? "text-xl" : "text-lg", className)}>
      <span className={cn("flex items-center justify-center rounded-lg bg-primary text-primary-foreground", large ? "size-9" : "size-8")}>
        <Clapperboard className={large ? "size-5" : "size-4"} aria-hidden />
      </span>
      Cinetwin
    </span>
  );
}
