/** A standalone job worker, for running more workers against a shared database. */
import path from "node:path";
import { startWorker } from "../lib/jobs/worker";
import { ensureAuthSecret, prepareDatabase, ensureSystemTools } from "./runtime";

const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
process.env.DATA_DIR = dataDir;
ensureSystemTools();
ensureAuthSecret(dataDir);
const embedded = await prepareDatabase(dataDir);
const worker = await startWorker();
const stop = () => {
  worker
    .stop()
    .then(() => embedded?.stop())
    .then(
      () => process.exit(0),
      (e: unknown) => {
        console.error("[worker] could not stop cleanly", e);
        process.exit(1);
      },
    );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
