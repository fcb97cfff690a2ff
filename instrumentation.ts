/** Runs the job worker inside the web server unless WORKER_MODE=off (then use `npm run worker`). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.WORKER_MODE === "off") return;
  if (!process.env.DATABASE_URL) {
    console.warn("[worker] DATABASE_URL is not set; start the studio with `npm start` to get the database and worker");
    return;
  }
  const { startWorker } = await import("./lib/jobs/worker");
  await startWorker();
}
