import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isBlockedAddress, urlProblem } from "./address";
import { checkOutboundUrl, downloadToFile, OUTBOUND_REFUSED, OutboundError, postOutbound, requestOutbound, type Resolver } from "./outbound";

/** A local server that counts every request it gets, on every loopback form (dual-stack when the machine has IPv6). */
async function countingServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host}${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => {
    server.once("error", () => server.listen(0, "127.0.0.1", resolve));
    server.listen({ port: 0, host: "::", ipv6Only: false }, resolve);
  });
  return { hits, port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())) };
}

let dir: string;
let target: Awaited<ReturnType<typeof countingServer>>;
const closers: Array<() => Promise<void>> = [];
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "outbound-"));
  target = await countingServer((req, res) => {
    if (req.url === "/img.png") return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(1000, 7));
    if (req.url === "/big.png") return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(50_000, 1));
    if (req.url === "/stream.png") {
      // No Content-Length: the cap has to stop the reading itself.
      res.writeHead(200, { "content-type": "image/png" });
      return void res.end(Buffer.alloc(50_000, 2));
    }
    if (req.url === "/page") return void res.writeHead(200, { "content-type": "text/html" }).end("<html>");
    if (req.url === "/gone") return void res.writeHead(404).end();
    if (req.url === "/busy") return void res.writeHead(503).end();
    if (req.url === "/hook") return void res.writeHead(201, { "content-type": "text/plain" }).end("x".repeat(10_000));
    res.writeHead(404).end();
  });
  closers.push(target.close);
});
afterEach(() => {
  delete process.env.OUTBOUND_ALLOW_HOSTS;
  target.hits.length = 0;
});
afterAll(async () => {
  for (const c of closers) await c();
  await fs.rm(dir, { recursive: true, force: true });
});

const opts = () => ({ destPath: path.join(dir, `f-${Math.random()}`), maxBytes: 10_000, allowedTypes: ["image/*"], timeoutMs: 5_000 });
async function refusal(p: Promise<unknown>): Promise<OutboundError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OutboundError);
  expect((e as Error).message).toBe(OUTBOUND_REFUSED);
  return e as OutboundError;
}
/** A resolver answering from a table, counting its lookups. */
function fakeDns(table: Record<string, string[]>) {
  const calls: string[] = [];
  const resolve: Resolver = async (host) => {
    calls.push(host);
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { calls, resolve };
}

describe("the block list", () => {
  it("refuses every special-purpose range and every IPv6 form that embeds a blocked IPv4", () => {
    for (const ip of [
      "0.0.0.0",
      "0.1.2.3",
      "10.1.2.3",
      "100.64.0.1",
      "100.127.255.255",
      "127.0.0.1",
      "127.255.0.9",
      "169.254.169.254",
      "172.16.0.1",
      "172.31.255.255",
      "192.0.0.8",
      "192.0.2.1",
      "192.88.99.1",
      "192.168.1.1",
      "198.18.0.1",
      "198.19.255.254",
      "198.51.100.7",
      "203.0.113.9",
      "224.0.0.1",
      "239.255.255.250",
      "240.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "::127.0.0.1",
      "::8.8.8.8",
      "::ffff:0:8.8.8.8",
      "64:ff9b::7f00:1",
      "64:ff9b::a9fe:a9fe",
      "64:ff9b:1::808:808",
      "2002:7f00:1::1",
      "2002:808:808::1",
      "2001::1",
      "2001:0:4136:e378:8000:63bf:3fff:fdd2",
      "2001:db8::1",
      "3fff::1",
      "100::1",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "fe80::1%eth0",
      "fec0::1",
      "ff02::1",
      "not-an-ip",
    ])
      expect(isBlockedAddress(ip), ip).toBe(true);
    for (const ip of [
      "8.8.8.8",
      "93.184.216.34",
      "172.32.0.1",
      "100.128.0.1",
      "198.20.0.1",
      "::ffff:8.8.8.8",
      "64:ff9b::808:808",
      "2606:4700:4700::1111",
      "2a00:1450::1",
    ])
      expect(isBlockedAddress(ip), ip).toBe(false);
  });

  it("judges a URL's text: scheme, credentials, localhost and literal addresses in any spelling", () => {
    for (const u of ["javascript:alert(1)", "file:///etc/passwd", "gopher://example.com/", "data:text/plain,x", "ftp://example.com/a", "not a url", "http://"])
      expect(urlProblem(u), u).toBe("invalid");
    for (const u of [
      "http://127.1/",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://[::ffff:127.0.0.1]/",
      "http://localhost:3000/",
      "http://a.localhost/",
      "http://u:p@example.com/",
    ])
      expect(urlProblem(u), u).toBe("blocked");
    expect(urlProblem("https://example.com/hook")).toBeNull();
    process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1:8080, internal.test";
    expect(urlProblem("http://127.0.0.1:8080/x")).toBeNull();
    expect(urlProblem("http://127.0.0.1:8081/x")).toBe("blocked");
    expect(urlProblem("http://[::ffff:127.0.0.1]:8080/x"), "an allowed host is not allowed in another spelling").toBe("blocked");
  });

  it("trusts the model vendors' base URLs the operator set, at their port only", () => {
    expect(urlProblem("http://localhost:11434/v1/chat/completions")).toBe("blocked");
    process.env.OPENAI_BASE_URL = "http://localhost:11434/v1";
    process.env.COMFYUI_URL = "not a url";
    try {
      expect(urlProblem("http://localhost:11434/v1/chat/completions")).toBeNull();
      expect(urlProblem("http://localhost:11435/v1")).toBe("blocked");
      expect(urlProblem("http://127.0.0.1:11434/v1"), "the name the operator wrote, not its address").toBe("blocked");
    } finally {
      delete process.env.OPENAI_BASE_URL;
      delete process.env.COMFYUI_URL;
    }
  });
});

describe("outbound requests", () => {
  it("refuses loopback in every spelling, reserved ranges, names that resolve to loopback and redirects to it, with one message and no request sent", async () => {
    const p = target.port;
    const urls = [
      `http://[::ffff:127.0.0.1]:${p}/img.png`,
      `http://[::ffff:7f00:1]:${p}/img.png`,
      `http://[::127.0.0.1]:${p}/img.png`,
      `http://[64:ff9b::7f00:1]:${p}/img.png`,
      `http://2130706433:${p}/img.png`,
      `http://0x7f.1:${p}/img.png`,
      `http://127.1:${p}/img.png`,
      `http://127.0.0.1:${p}/img.png`,
      `http://[::1]:${p}/img.png`,
      `http://198.18.0.1:${p}/img.png`,
      `http://224.0.0.1:${p}/img.png`,
      `http://localhost:${p}/img.png`,
    ];
    const reasons = [];
    for (const url of urls) reasons.push((await refusal(downloadToFile(url, opts()))).reason);
    expect(reasons.every((r) => r === "blocked")).toBe(true);

    // A name whose DNS answer is loopback, or has loopback among public answers.
    const dns = fakeDns({ "media.example.com": ["127.0.0.1"], "mixed.example.com": ["93.184.216.34", "::1"], "nat64.example.com": ["64:ff9b::7f00:1"] });
    for (const host of ["media.example.com", "mixed.example.com", "nat64.example.com"]) {
      const e = await refusal(downloadToFile(`http://${host}:${p}/img.png`, { ...opts(), resolve: dns.resolve }));
      expect(e).toMatchObject({ reason: "blocked", retryable: false });
    }

    // A host the operator allowed redirects to loopback: the hop is checked, and refused.
    const redirector = await countingServer((_req, res) => res.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${p}/img.png` }).end());
    closers.push(redirector.close);
    const cdn = fakeDns({ "cdn.example.com": ["127.0.0.1"] });
    process.env.OUTBOUND_ALLOW_HOSTS = `cdn.example.com:${redirector.port}`;
    const hop = await refusal(downloadToFile(`http://cdn.example.com:${redirector.port}/a.png`, { ...opts(), resolve: cdn.resolve }));
    expect(hop).toMatchObject({ reason: "blocked", retryable: false });
    expect(redirector.hits).toHaveLength(1);

    await expect(checkOutboundUrl(`http://[::ffff:7f00:1]:${p}/`)).rejects.toThrow(OUTBOUND_REFUSED);
    expect(target.hits, "the loopback server was never reached").toEqual([]);
  });

  it("connects to the address it checked, without looking the name up again, and follows a checked redirect", async () => {
    const dns = fakeDns({ "assets.example.com": ["127.0.0.1"] });
    process.env.OUTBOUND_ALLOW_HOSTS = `assets.example.com:${target.port}`;
    const r = await downloadToFile(`http://assets.example.com:${target.port}/img.png`, { ...opts(), resolve: dns.resolve });
    expect(r).toMatchObject({ contentType: "image/png", sizeBytes: 1000 });
    expect((await fs.stat(r.path)).size).toBe(1000);
    // The system resolver does not know the name: one lookup, through ours, and the Host header kept.
    expect(dns.calls).toEqual(["assets.example.com"]);
    expect(target.hits).toEqual([`GET assets.example.com:${target.port}/img.png`]);

    const redirector = await countingServer((_req, res) => res.writeHead(301, { location: `http://assets.example.com:${target.port}/img.png` }).end());
    closers.push(redirector.close);
    process.env.OUTBOUND_ALLOW_HOSTS = `assets.example.com:${target.port},127.0.0.1:${redirector.port}`;
    const followed = await downloadToFile(`http://127.0.0.1:${redirector.port}/start`, { ...opts(), resolve: dns.resolve });
    expect(followed.sizeBytes).toBe(1000);
    expect(dns.calls).toEqual(["assets.example.com", "assets.example.com"]);
  });

  it("stops at the size cap, the allowed types, the redirect limit and the deadline; only what another attempt could fix is retryable", async () => {
    process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1";
    const base = `http://127.0.0.1:${target.port}`;
    const cases: Array<[string, string, boolean]> = [
      ["/page", "type", false],
      ["/big.png", "too_large", false],
      ["/stream.png", "too_large", false],
      ["/gone", "status", false],
      ["/busy", "status", true],
    ];
    for (const [p, reason, retryable] of cases) {
      const o = opts();
      const e = await refusal(downloadToFile(`${base}${p}`, o));
      expect([p, e.reason, e.retryable]).toEqual([p, reason, retryable]);
      await expect(fs.access(o.destPath), "no partial file is left").rejects.toThrow();
    }

    const loop = await countingServer((req, res) => res.writeHead(302, { location: `/again${req.url}` }).end());
    closers.push(loop.close);
    expect(await refusal(downloadToFile(`http://127.0.0.1:${loop.port}/x`, opts()))).toMatchObject({ reason: "redirects", retryable: false });
    expect(loop.hits).toHaveLength(6);

    const silent = await countingServer(() => undefined);
    closers.push(silent.close);
    expect(await refusal(downloadToFile(`http://127.0.0.1:${silent.port}/slow.png`, { ...opts(), timeoutMs: 300 }))).toMatchObject({
      reason: "timeout",
      retryable: true,
    });

    const closed = await countingServer(() => undefined);
    await closed.close();
    const refused = await refusal(downloadToFile(`http://127.0.0.1:${closed.port}/img.png`, opts()));
    expect(refused).toMatchObject({ reason: "connect", retryable: true });
    expect(refused.message, "a closed port reads like any other refusal").not.toMatch(/ECONNREFUSED|port/);

    const ftp = await refusal(downloadToFile("ftp://example.com/a.png", opts()));
    expect(ftp).toMatchObject({ reason: "bad_url", retryable: false });
    const unknown = await refusal(downloadToFile("http://nowhere.example.com/a.png", { ...opts(), resolve: fakeDns({}).resolve }));
    expect(unknown).toMatchObject({ reason: "dns", retryable: false });
  });

  it("keeps its deadline through garbage collection when the caller passes a signal of its own", async () => {
    // The garbage collector, as --expose-gc would give it.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1";
    const silent = await countingServer(() => undefined);
    closers.push(silent.close);
    const caller = new AbortController();
    const started = Date.now();
    const pending = refusal(
      requestOutbound(`http://127.0.0.1:${silent.port}/slow`, {
        method: "POST",
        headers: {},
        body: "{}",
        keepBytes: 100,
        timeoutMs: 300,
        signal: caller.signal,
      }),
    );
    const collecting = setInterval(gc, 20);
    try {
      expect(await pending).toMatchObject({ reason: "timeout", retryable: true });
    } finally {
      clearInterval(collecting);
    }
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("takes a lookup's late failure when the caller has already given up, leaving no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const note = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", note);
    try {
      const caller = new AbortController();
      caller.abort();
      // A resolver that answers "no such name" only after the request was refused for the abort.
      const late: Resolver = () =>
        new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })), 30));
      expect(await refusal(checkOutboundUrl("https://hooks.example.com/x", { resolve: late, signal: caller.signal }))).toMatchObject({
        reason: "aborted",
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", note);
    }
  });

  it("POSTs without following redirects and keeps only the start of the answer", async () => {
    process.env.OUTBOUND_ALLOW_HOSTS = `127.0.0.1:${target.port}`;
    const res = await postOutbound(`http://127.0.0.1:${target.port}/hook`, {
      headers: { "content-type": "application/json" },
      body: "{}",
      keepBytes: 100,
      timeoutMs: 5_000,
    });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(100);
    delete process.env.OUTBOUND_ALLOW_HOSTS;
    await refusal(postOutbound(`http://[::ffff:7f00:1]:${target.port}/hook`, { headers: {}, body: "{}", keepBytes: 100, timeoutMs: 5_000 }));
    expect(target.hits).toEqual([`POST 127.0.0.1:${target.port}/hook`]);
  });
});
