/**
 * The production web server that `npm start` runs: Next.js inside a plain Node HTTP server
 * whose one extra job is to tell the app where each request really came from.
 *
 * `next start` keeps an X-Forwarded-For that a client sends and only fills the header in when it
 * is missing, so behind it no route can tell a forged address from the real one (and the login
 * throttle's per-address limit would be a per-request choice of the caller). Here the TCP peer is
 * appended to the chain, as a reverse proxy does; lib/auth/client-address.ts reads it from the
 * right. Plain JavaScript: it runs on bare Node, without a TypeScript loader hooking Next's files.
 */
import http from "node:http";
import { fileURLToPath } from "node:url";

// What the `next` CLI sets before loading anything: React and Next pick their production builds
// by NODE_ENV, and instrumentation.ts starts the job worker only when NEXT_RUNTIME is nodejs.
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME = "nodejs";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? 3000);
const dir = fileURLToPath(new URL("..", import.meta.url));
const app = next({ dev: false, dir, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const prior = req.headers["x-forwarded-for"];
  const peer = req.socket.remoteAddress ?? "unknown";
  req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
  void handle(req, res);
});
// Idle keep-alive sockets are kept for 65 s rather than Node's 5 s: a client (or a proxy in front) that reuses one just as
// the server closes it gets ECONNRESET, and clients' own idle limits are usually 60 s or less. headersTimeout must exceed it.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => console.log(`[server] Next.js ready on port ${port}`));

// As `next start` does: finish requests in flight, close Next, exit with the signal's code.
let stopping = false;
for (const [signal, code] of [
  ["SIGTERM", 143],
  ["SIGINT", 130],
]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => void app.close().finally(() => process.exit(code)));
    // Keep-alive sockets would hold close() open; a stuck request must not block shutdown.
    server.closeIdleConnections();
    setTimeout(() => process.exit(code), 5000).unref();
  });
}
