"use client";

import * as React from "react";
import { MoonIcon, SunIcon } from "lucide-react";
import { useTheme } from "next-themes";

import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";

/**
 * Switches between light and dark. The visible icon is driven by the `.dark`
 * class (CSS only), so server and client render identical markup.
 */
function ThemeToggle({ className, onClick, ...props }: React.ComponentProps<typeof Button>) {
  const { resolvedTheme, setTheme } = useTheme();

  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label="Toggle theme"
      title="Toggle theme"
      className={cn("relative", className)}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) setTheme(resolvedTheme === "dark" ? "light" : "dark");
      }}
      {...props}
    >
      <SunIcon className="size-5 scale-100 rotate-0 transition-all dark:scale-0 dark:-rotate-90" />
      <MoonIcon className="absolute size-5 scale-0 rotate-90 transition-all dark:scale-100 dark:rotate-0" />
    </Button>
  );
}

export { ThemeToggle };
