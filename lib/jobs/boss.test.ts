import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { allJobs, renderVideoJob } from "@/lib/jobs/definitions";

afterAll(() => stopBoss());

it("gives every test file a database whose queues are already made (lib/test/global-setup.ts)", async () => {
  const rows = await getDb().execute<{ name: string }>(sql`select name from pgboss.queue`);
  expect(rows.rows.map((r) => r.name)).toEqual(expect.arrayContaining(allJobs.map((j) => j.name)));
});

it("brings a queue made with other options back to its definition when pg-boss starts", async () => {
  const { name, options } = renderVideoJob;
  let boss = await getBoss();
  await boss.updateQueue(name, { name, ...options, retryLimit: 9, expireInSeconds: 7 });
  expect(await boss.getQueue(name)).toMatchObject({ retryLimit: 9, expireInSeconds: 7 });
  await stopBoss();
  boss = await getBoss();
  expect(await boss.getQueue(name)).toMatchObject(options);
});
