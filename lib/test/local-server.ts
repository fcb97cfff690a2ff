import http from "node:http";
import type { AddressInfo } from "node:net";

/** An HTTP server of a test's own (a vendor's fake, a webhook receiver) on a free loopback port. */
export interface LocalServer {
  server: http.Server;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Stops listening and ends every open connection, idle or busy, so a test's end never waits on a client. */
  close: () => Promise<void>;
}

/** Starts `handler` on 127.0.0.1 at a port the system picks. */
export async function listenLocal(handler: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
