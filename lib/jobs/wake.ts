import pg from "pg";
import { JOB_QUEUED_CHANNEL } from "./boss";

const RECONNECT_MS = 5_000;

export interface JobListener {
  /** Settles once the first LISTEN has been made (or has failed, and polling alone goes on). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Calls `onQueued(queue)` for every job announced on JOB_QUEUED_CHANNEL (see sendJob), over one
 * connection of its own that LISTENs. A lost connection is logged and made again after a few
 * seconds; meanwhile the workers' polling finds the jobs, only later.
 */
export function listenForQueuedJobs(connectionString: string, onQueued: (queue: string) => void): JobListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ connectionString, application_name: "cinetwin-job-listener" });
    client = c;
    const lost = (why: unknown) => {
      if (closed || client !== c) return;
      client = null;
      console.warn("[worker] queued-job listener lost, polling only until it reconnects:", why instanceof Error ? why.message : why);
      void c.end().catch(() => {});
      retry = setTimeout(() => void connect(), RECONNECT_MS);
    };
    c.on("error", lost);
    c.on("end", () => lost("connection ended"));
    c.on("notification", (n) => {
      if (n.channel === JOB_QUEUED_CHANNEL && n.payload) onQueued(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${JOB_QUEUED_CHANNEL}`);
    } catch (e) {
      lost(e);
    }
  };
  const ready = connect();

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
