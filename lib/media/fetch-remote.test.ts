import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRemoteUrl, fetchRemote, isPrivateAddress, RemoteFetchError } from "./fetch-remote";

let server: http.Server;
let base = "";
let hostPort = "";
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/img.png") return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(1000, 7));
    if (req.url === "/big.png") return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(50_000, 1));
    if (req.url === "/page") return res.writeHead(200, { "content-type": "text/html" }).end("<html>");
    if (req.url === "/hop") return res.writeHead(302, { location: "/img.png" }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${hostPort}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const opts = { maxBytes: 10_000, allowedTypes: ["image/*"], timeoutMs: 5_000 };
async function refusal(p: Promise<unknown>): Promise<RemoteFetchError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RemoteFetchError);
  return e as RemoteFetchError;
}

describe("fetchRemote", () => {
  it("downloads an allowed type from an allow-listed host, following a redirect", async () => {
    const r = await fetchRemote(`${base}/hop`, { ...opts, allowHosts: [hostPort] });
    expect(r).toMatchObject({ contentType: "image/png", sizeBytes: 1000 });
    expect((await fs.stat(r.path)).size).toBe(1000);
    await fs.rm(r.path);
  });
  it("refuses wrong types and bodies over the cap", async () => {
    expect((await refusal(fetchRemote(`${base}/page`, { ...opts, allowHosts: ["127.0.0.1"] }))).code).toBe("bad_type");
    expect((await refusal(fetchRemote(`${base}/big.png`, { ...opts, allowHosts: ["127.0.0.1"] }))).code).toBe("too_large");
  });
  it("refuses private, loopback and metadata addresses and non-http schemes", async () => {
    expect((await refusal(fetchRemote(`${base}/img.png`, opts))).code).toBe("blocked_host");
    expect((await refusal(fetchRemote("http://10.0.0.1/x.png", opts))).code).toBe("blocked_host");
    expect((await refusal(fetchRemote("http://169.254.169.254/latest/meta-data", opts))).code).toBe("blocked_host");
    expect((await refusal(fetchRemote("http://localhost:1/x", opts))).code).toBe("blocked_host");
    expect((await refusal(fetchRemote("http://[::1]/x", opts))).code).toBe("blocked_host");
    const ftp = await refusal(fetchRemote("ftp://example.com/a.png", opts));
    expect([ftp.code, ftp.message]).toEqual(["bad_url", "only http and https URLs are allowed, not ftp"]);
  });
  it("classifies addresses", () => {
    for (const ip of [
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "127.0.0.1",
      "0.0.0.0",
      "169.254.169.254",
      "::1",
      "fe80::1",
      "fc00::1",
      "fd12::3",
      "::ffff:10.0.0.1",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "2001:4860::8888"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });
});

describe("checkRemoteUrl", () => {
  it("checks without downloading", async () => {
    await expect(checkRemoteUrl(`${base}/img.png`, { allowHosts: [hostPort] })).resolves.toMatchObject({ address: "127.0.0.1" });
    expect((await refusal(checkRemoteUrl("http://192.168.0.10/a"))).code).toBe("blocked_host");
  });
});
