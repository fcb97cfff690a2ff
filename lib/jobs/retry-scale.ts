/**
 * Scales a job's retryDelay (seconds): the tests set JOB_RETRY_DELAY_SCALE below 1 so a retry
 * does not wait out production backoff. No imports: lib/webhooks reads it too without loading lib/jobs.
 */
export function scaledRetryDelay(seconds: number): number {
  const scale = Number(process.env.JOB_RETRY_DELAY_SCALE ?? 1);
  return Math.round(seconds * (Number.isFinite(scale) && scale >= 0 ? scale : 1));
}
