import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema/webhooks";
import { isAppError } from "@/lib/errors";
import { makeAccount } from "@/lib/test/factories";
import { listenLocal } from "@/lib/test/local-server";
import { failWebhookDelivery, handleDeliverWebhook, WebhookDeliveryError } from "./job";
import { createEndpoint, deleteEndpoint, enqueueEvent, listDeliveries, listEndpoints, sendTestEvent } from "./service";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature, workspaceSigningSecret } from "./sign";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers with the next scripted status (then 200 forever). */
async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = await listenLocal((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "boom\nstack trace");
    });
  });
  return { url: `${server.url}/hook`, received, close: server.close };
}

const noSend = async () => {};
const delivery = async (id: string) => (await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];

let prevAllow: string | undefined;
const closers: (() => Promise<void>)[] = [];
beforeAll(() => {
  prevAllow = process.env.OUTBOUND_ALLOW_HOSTS;
  process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1";
});
afterEach(async () => {
  process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1";
  for (const c of closers.splice(0)) await c();
});
afterAll(async () => {
  if (prevAllow === undefined) delete process.env.OUTBOUND_ALLOW_HOSTS;
  else process.env.OUTBOUND_ALLOW_HOSTS = prevAllow;
  await closeDb();
});

describe("webhook delivery", () => {
  it("POSTs the JSON body with a valid signature and records success", async () => {
    const db = getDb();
    const account = await makeAccount();
    const rx = await startReceiver();
    closers.push(rx.close);
    const endpoint = await createEndpoint(db, account, { url: rx.url, events: ["project.completed"] });
    expect(endpoint.secret).toMatch(/^whsec_/);

    const sent: string[] = [];
    const payload = { event: "project.completed", project: { id: 42, status: "completed", final_video_url: "https://x/y.mp4" } };
    const [id] = await enqueueEvent(db, { workspaceId: account.workspaceId, event: "project.completed", subject: "project:42", payload }, async (d) => {
      sent.push(d);
    });
    expect(sent).toEqual([id]);

    await handleDeliverWebhook(db, { deliveryId: id }, new AbortController().signal);
    expect(rx.received).toHaveLength(1);
    const [req] = rx.received;
    expect(JSON.parse(req.body)).toEqual(payload);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers[EVENT_HEADER.toLowerCase()]).toBe("project.completed");
    expect(req.headers[DELIVERY_HEADER.toLowerCase()]).toBe(id);
    const sig = req.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    const ts = req.headers[TIMESTAMP_HEADER.toLowerCase()] as string;
    expect(verifySignature(endpoint.secret, sig, ts, req.body)).toBe(true);

    const row = await delivery(id);
    expect(row).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200, lastError: null, endpointId: endpoint.id });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    const [ep] = await listEndpoints(db, account);
    expect(ep.lastDeliveryAt).toBeInstanceOf(Date);

    // Redelivery of a settled delivery is a no-op.
    await handleDeliverWebhook(db, { deliveryId: id });
    expect(rx.received).toHaveLength(1);
    expect((await delivery(id)).attempts).toBe(1);
  });

  it("throws on 500 so pg-boss retries, then succeeds; callback URLs use the workspace secret", async () => {
    const db = getDb();
    const account = await makeAccount();
    const rx = await startReceiver([500, 500]);
    closers.push(rx.close);
    const [id] = await enqueueEvent(
      db,
      {
        workspaceId: account.workspaceId,
        event: "video.finished",
        subject: "video-job:abc",
        payload: { url: "https://x/v.mp4", status: "finished" },
        callbackUrl: rx.url,
      },
      noSend,
    );

    for (const attempt of [1, 2]) {
      const before = Date.now();
      const err = await handleDeliverWebhook(db, { deliveryId: id }).catch((e) => e);
      expect(err).toBeInstanceOf(WebhookDeliveryError);
      expect(err.statusCode).toBe(500);
      const row = await delivery(id);
      expect(row).toMatchObject({ status: "pending", attempts: attempt, lastStatusCode: 500, lastError: "HTTP 500: boom stack trace" });
      // The tests scale retry delays to zero (JOB_RETRY_DELAY_SCALE), so the next attempt is due now.
      expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before);
    }
    await handleDeliverWebhook(db, { deliveryId: id });
    expect(await delivery(id)).toMatchObject({ status: "succeeded", attempts: 3, lastStatusCode: 200, lastError: null, endpointId: null });
    expect(rx.received).toHaveLength(3);
    // Every attempt carries the same delivery id, so receivers can dedupe.
    expect(new Set(rx.received.map((r) => r.headers[DELIVERY_HEADER.toLowerCase()]))).toEqual(new Set([id]));
    const last = rx.received[2];
    expect(
      verifySignature(
        workspaceSigningSecret(account.workspaceId),
        last.headers["cinetwin-signature"] as string,
        last.headers["cinetwin-timestamp"] as string,
        last.body,
      ),
    ).toBe(true);
  });

  it("marks the delivery failed on the last attempt and still throws", async () => {
    const db = getDb();
    const account = await makeAccount();
    const rx = await startReceiver([503]);
    closers.push(rx.close);
    const [id] = await enqueueEvent(
      db,
      { workspaceId: account.workspaceId, event: "project.failed", subject: "project:7", payload: {}, callbackUrl: rx.url },
      noSend,
    );
    await expect(handleDeliverWebhook(db, { deliveryId: id }, undefined, { lastAttempt: true })).rejects.toThrow(/HTTP 503/);
    expect(await delivery(id)).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 503, nextAttemptAt: null });
    await handleDeliverWebhook(db, { deliveryId: id }); // settled: nothing more is sent
    expect(rx.received).toHaveLength(1);
  });

  it("records a network error as a retryable failure", async () => {
    const db = getDb();
    const account = await makeAccount();
    const rx = await startReceiver();
    await rx.close(); // nothing listens on that port any more
    const [id] = await enqueueEvent(
      db,
      { workspaceId: account.workspaceId, event: "project.failed", subject: "project:8", payload: {}, callbackUrl: rx.url },
      noSend,
    );
    await expect(handleDeliverWebhook(db, { deliveryId: id })).rejects.toThrow(WebhookDeliveryError);
    const row = await delivery(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    // A closed port reads like any other refusal: the log is no port scanner.
    expect(row.lastError).toBe("not allowed or unreachable");
    // What the worker's final-failure hook does once pg-boss gives up.
    await failWebhookDelivery(db, { deliveryId: id }, "ignored: an error is already recorded");
    expect(await delivery(id)).toMatchObject({ status: "failed", nextAttemptAt: null, lastError: row.lastError });
  });

  it("refuses private addresses that are not allow-listed, without retrying", async () => {
    const db = getDb();
    const account = await makeAccount();
    const rx = await startReceiver();
    closers.push(rx.close);
    delete process.env.OUTBOUND_ALLOW_HOSTS;

    const err = await createEndpoint(db, account, { url: rx.url }).catch((e) => e);
    expect(isAppError(err) && err.code === "bad_request").toBe(true);

    const ids = await enqueueEvent(
      db,
      { workspaceId: account.workspaceId, event: "video.finished", subject: "video-job:x", payload: {}, callbackUrl: rx.url },
      noSend,
    );
    const [local] = await enqueueEvent(
      db,
      {
        workspaceId: account.workspaceId,
        event: "video.finished",
        subject: "video-job:y",
        payload: {},
        callbackUrl: `http://localhost:${new URL(rx.url).port}/hook`,
      },
      noSend,
    );
    const [mapped] = await enqueueEvent(
      db,
      {
        workspaceId: account.workspaceId,
        event: "video.finished",
        subject: "video-job:z",
        payload: {},
        callbackUrl: `http://[::ffff:127.0.0.1]:${new URL(rx.url).port}/hook`,
      },
      noSend,
    );
    for (const id of [...ids, local, mapped]) {
      await handleDeliverWebhook(db, { deliveryId: id }); // does not throw: retrying cannot help
      const row = await delivery(id);
      expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: "not allowed or unreachable" });
    }
    expect(rx.received).toHaveLength(0);
  });
});

describe("webhook service", () => {
  it("fans an event out to enabled endpoints whose filter matches, plus the callback", async () => {
    const db = getDb();
    const account = await makeAccount();
    const other = await makeAccount();
    const all = await createEndpoint(db, account, { url: "https://hooks.example.com/all", description: "everything" });
    const completed = await createEndpoint(db, account, { url: "https://hooks.example.com/done", events: ["project.completed", "upscale.completed"] });
    await createEndpoint(db, account, { url: "https://hooks.example.com/failed", events: ["project.failed"] });
    const off = await createEndpoint(db, account, { url: "https://hooks.example.com/off" });
    await db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, off.id));
    await createEndpoint(db, other, { url: "https://hooks.example.com/other" });

    const sent: string[] = [];
    const ids = await enqueueEvent(
      db,
      { workspaceId: account.workspaceId, event: "project.completed", subject: "project:42", payload: { id: 42 }, callbackUrl: "https://cb.example.com/x" },
      async (id) => {
        sent.push(id);
      },
    );
    expect(ids).toHaveLength(3);
    expect(sent).toEqual(ids);
    const rows = await listDeliveries(db, { workspaceId: account.workspaceId, subject: "project:42", limit: 10 });
    expect(rows.map((r) => r.url).sort()).toEqual(["https://cb.example.com/x", "https://hooks.example.com/all", "https://hooks.example.com/done"]);
    expect(rows.every((r) => r.status === "pending" && r.attempts === 0 && r.event === "project.completed")).toBe(true);
    expect(rows.find((r) => r.url.startsWith("https://cb."))?.endpointId).toBeNull();

    expect(await enqueueEvent(db, { workspaceId: account.workspaceId, event: "scene.regenerated", subject: "project:42", payload: {} }, noSend)).toHaveLength(
      1,
    );
    expect(await listDeliveries(db, { workspaceId: account.workspaceId, endpointId: completed.id, limit: 10 })).toHaveLength(1);
    expect(await listDeliveries(db, { workspaceId: other.workspaceId, subject: "project:42", limit: 10 })).toHaveLength(0);

    const testId = await sendTestEvent(db, { workspaceId: account.workspaceId, endpointId: completed.id }, noSend);
    expect(await delivery(testId)).toMatchObject({ event: "webhook.test", endpointId: completed.id });
    await expect(sendTestEvent(db, { workspaceId: other.workspaceId, endpointId: completed.id }, noSend)).rejects.toThrow(/not found/);

    await expect(deleteEndpoint(db, { workspaceId: other.workspaceId, endpointId: all.id })).rejects.toThrow(/not found/);
    await deleteEndpoint(db, { workspaceId: account.workspaceId, endpointId: all.id });
    expect((await listEndpoints(db, account)).map((e) => e.id)).not.toContain(all.id);
    // The endpoint's two deliveries go with it; the callback's and the other endpoint's stay.
    expect(await listDeliveries(db, { workspaceId: account.workspaceId, subject: "project:42", limit: 10 })).toHaveLength(2);
  });

  it("rejects unknown events and bad URLs", async () => {
    const account = await makeAccount();
    // @ts-expect-error unknown event name
    await expect(createEndpoint(getDb(), account, { url: "https://x.example.com", events: ["nope"] })).rejects.toThrow();
    await expect(createEndpoint(getDb(), account, { url: "not a url" })).rejects.toThrow();
  });
});
