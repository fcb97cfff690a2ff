"use client";

import { Loader2, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { startSampleStoryAction } from "./actions";

/** One click from an empty workspace to a storyboard: the server makes what is missing, then we open it. */
export function SampleStoryButton({ variant = "default" }: { variant?: "default" | "outline" }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant={variant}
      disabled={pending}
      onClick={() =>
        start(async () => {
          const res = await startSampleStoryAction({});
          if (!res.ok) return void toast.error(res.error);
          router.push(`/projects/${res.data.projectId}`);
        })
      }
    >
      {pending ? <Loader2 className="size-4 animate-spin" /> : <Sparkles className="size-4" />} Try a sample story
    </Button>
  );
}
