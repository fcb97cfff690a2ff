import { startWorker } from "./worker";

/** The worker inside the web server process, unless WORKER_MODE=off or no database is configured. */
export async function startInlineWorker(): Promise<void> {
  if (process.env.WORKER_MODE === "off") return;
  if (!process.env.DATABASE_URL) {
    console.warn("[worker] DATABASE_URL is not set; start the studio with `npm start` to get the database and worker");
    return;
  }
  await startWorker();
}
