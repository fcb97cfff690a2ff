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
const stop = async () => {
  await worker.stop();
  await embedded?.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
