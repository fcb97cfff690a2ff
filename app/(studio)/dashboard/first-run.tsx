import { Check, ChevronRight } from "lucide-react";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SAMPLE_CHARACTER, SAMPLE_STORY } from "@/lib/onboarding/sample";
import type { FirstRunStep, firstRunPath } from "@/lib/onboarding/path";
import { cn } from "@/lib/utils";
import { SampleStoryButton } from "./sample-story-button";

/** The path from a new account to a scheduled video; the dashboard shows it until every step is done. */
export function FirstRun({ path, offerSample }: { path: ReturnType<typeof firstRunPath>; offerSample: boolean }) {
  if (path.complete) return <FirstRunDone path={path} />;
  const done = path.steps.filter((s) => s.done).length;
  return (
    <Card className="mb-8" aria-labelledby="first-run-title">
      <CardHeader>
        <CardTitle id="first-run-title">Your first video</CardTitle>
        <CardDescription>
          {done} of {path.steps.length} steps done. Each step links to where it is done.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <ol className="grid gap-2 md:grid-cols-5" aria-label="Steps to your first video">
          {path.steps.map((s, i) => (
            <Step key={s.id} step={s} n={i + 1} current={s.id === path.next} />
          ))}
        </ol>
        {offerSample ? (
          <div className="flex flex-col gap-3 rounded-lg bg-muted/60 p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-muted-foreground">
              In a hurry? Meet <span className="font-medium text-foreground">{SAMPLE_CHARACTER.name}</span>, a sample character, and start from her idea:
              &ldquo;{SAMPLE_STORY.storyIdea}&rdquo;
            </p>
            <SampleStoryButton />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Step({ step, n, current }: { step: FirstRunStep; n: number; current: boolean }) {
  return (
    <li>
      <Link
        href={step.href}
        aria-current={current ? "step" : undefined}
        className={cn(
          "flex h-full items-start gap-3 rounded-lg border p-3 text-sm transition-colors hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
          current && "border-primary ring-1 ring-primary",
        )}
      >
        <span
          className={cn(
            "flex size-6 shrink-0 items-center justify-center rounded-full border text-xs font-medium",
            step.done && "border-transparent bg-primary text-primary-foreground",
          )}
        >
          {step.done ? <Check className="size-3.5" aria-label="Done" /> : n}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-1 font-medium">
            {step.title}
            {current ? <ChevronRight className="size-3.5" aria-hidden /> : null}
          </span>
          <span className="block text-xs text-muted-foreground">{step.done ? "Done" : step.hint}</span>
        </span>
      </Link>
    </li>
  );
}

/** Every step done: one folded line, the steps still a click away. */
function FirstRunDone({ path }: { path: ReturnType<typeof firstRunPath> }) {
  return (
    <details className="mb-6 rounded-lg border px-4 py-2 text-sm" data-testid="first-run-done">
      <summary className="cursor-pointer text-muted-foreground">
        <Check className="mr-1 inline size-4 text-primary" aria-hidden /> First video path done: character, story, approval, video and a scheduled post.
      </summary>
      <ol className="mt-3 grid gap-2 md:grid-cols-5">
        {path.steps.map((s, i) => (
          <Step key={s.id} step={s} n={i + 1} current={false} />
        ))}
      </ol>
    </details>
  );
}
