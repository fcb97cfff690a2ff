import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { updateTask } from "./service";

export interface ProgressReporter {
  /** Notes progress as a fraction 0..1 of this stage; cheap to call on every ffmpeg progress line. */
  report(fraction: number, step?: string): void;
  /** Waits for every write this reporter started; a handler awaits it before it settles the task. */
  flush(): Promise<void>;
}

/**
 * Maps a stage's 0..1 onto the task's `from`..`to` percent and writes it at most every
 * TASK_PROGRESS_INTERVAL_MS. Writes run one after another on a chain that `flush` awaits, so
 * none is ever left floating; a failed progress write is logged, never fatal to the work.
 * While work runs the task reads strictly between 0 and 100: 100 belongs to settleTask.
 */
export function progressReporter(db: DbOrTx, subject: string, opts: { from?: number; to?: number; intervalMs?: number } = {}): ProgressReporter {
  const from = Math.max(1, opts.from ?? 1);
  const to = Math.min(99, opts.to ?? 99);
  const interval = opts.intervalMs ?? env().TASK_PROGRESS_INTERVAL_MS;
  let chain: Promise<void> = Promise.resolve();
  let written = -1;
  let lastAt = 0;
  let lastStep: string | undefined;
  return {
    report(fraction, step) {
      const f = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
      const progress = Math.floor(from + f * (to - from));
      const now = Date.now();
      const newStep = step !== undefined && step !== lastStep;
      if (!newStep && (progress <= written || now - lastAt < interval)) return;
      written = Math.max(written, progress);
      lastAt = now;
      lastStep = step ?? lastStep;
      chain = chain
        .then(() => updateTask(db, subject, { progress, step }))
        .catch((e: unknown) => console.error(`[tasks] progress of ${subject} not written`, e));
    },
    flush: () => chain,
  };
}
