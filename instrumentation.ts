/** Runs the job worker inside the web server unless WORKER_MODE=off (then use `npm run worker`). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startInlineWorker } = await import("./lib/jobs/inline");
    await startInlineWorker();
  }
}
