import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clusterDir, freePort, type EmbeddedDatabase } from "../db/embedded";
import { embeddedPortFile, startLocalDatabase } from "./runtime";

/** Holds 127.0.0.1:port the way an unrelated program would. */
async function occupy(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen({ port: 0, host: "127.0.0.1" }, r));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

describe("the embedded PostgreSQL port", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cinetwin-runtime-"));
  // Reachable by the `postgres` user, so that as root the clusters stay inside it (see clusterDir).
  fs.chmodSync(root, 0o755);
  const first = path.join(root, "first");
  const second = path.join(root, "second");
  const running: EmbeddedDatabase[] = [];
  const savedPort = process.env.EMBEDDED_PG_PORT;
  let defaultPort: number;

  beforeAll(async () => {
    delete process.env.EMBEDDED_PG_PORT;
    defaultPort = await freePort();
  });
  afterEach(() => {
    delete process.env.EMBEDDED_PG_PORT;
  });
  afterAll(async () => {
    for (const db of running) await db.stop().catch(() => {});
    if (savedPort !== undefined) process.env.EMBEDDED_PG_PORT = savedPort;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("gives a second data dir a free port when the default is taken, and remembers it", async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const a = await startLocalDatabase(first, { defaultPort, log });
    running.push(a);
    expect(a.port).toBe(defaultPort);
    expect(fs.existsSync(embeddedPortFile(first))).toBe(false);

    const b = await startLocalDatabase(second, { defaultPort, log });
    running.push(b);
    expect(b.port).not.toBe(defaultPort);
    expect(fs.readFileSync(embeddedPortFile(second), "utf8").trim()).toBe(String(b.port));
    expect(lines).toEqual([expect.stringContaining(`port ${defaultPort} is taken by another process: embedded PostgreSQL uses ${b.port}`)]);

    // The same port on the next start, without another word, although the default is free again.
    await b.stop();
    await a.stop();
    const again = await startLocalDatabase(second, { defaultPort, log });
    running.push(again);
    expect(again.port).toBe(b.port);
    expect(again.reused).toBe(false);
    expect(lines).toHaveLength(1);
    await again.stop();
  });

  it("reuses its own cluster left running on the remembered port", async () => {
    const lines: string[] = [];
    const owner = await startLocalDatabase(second, { defaultPort, log: (l) => lines.push(l) });
    running.push(owner);
    const reused = await startLocalDatabase(second, { defaultPort, log: (l) => lines.push(l) });
    expect(reused).toMatchObject({ port: owner.port, reused: true });
    expect(lines).toEqual([]);
    await owner.stop();
  });

  it("stops with a message naming EMBEDDED_PG_PORT when that port is taken", async () => {
    const other = await occupy();
    try {
      process.env.EMBEDDED_PG_PORT = String(other.port);
      await expect(startLocalDatabase(first, { defaultPort })).rejects.toThrow(
        `EMBEDDED_PG_PORT=${other.port}: port ${other.port} on 127.0.0.1 is already in use by another process`,
      );
    } finally {
      await other.close();
    }
  });

  it("explains a failed start instead of rejecting with nothing", async () => {
    const conf = path.join(clusterDir(first), "postgresql.conf");
    const original = fs.readFileSync(conf, "utf8");
    fs.appendFileSync(conf, "\nnot_a_setting_cinetwin = on\n");
    try {
      const failure = await startLocalDatabase(first, { defaultPort }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/^embedded PostgreSQL could not start on 127\.0\.0\.1:\d+ .*: postgres exited/);
      expect((failure as Error).message).toContain("not_a_setting_cinetwin");
    } finally {
      fs.writeFileSync(conf, original);
    }
  });
});
