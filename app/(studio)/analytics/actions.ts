"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { requestAnalyticsSync, startAnalyticsExport } from "@/lib/social/analytics-tasks";
import { platformInput, rangeInput } from "./view";

/** "Sync now": the workspace's sync task (the open one when a sync is already queued or running). */
export const syncAnalyticsAction = authedAction(z.object({}), async (_, { principal }) => {
  const { task, created } = await requestAnalyticsSync(principal.workspaceId);
  return { taskId: task.id, created };
});

async function origin() {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}

/** "Export CSV" of what the page shows: its window and platform. */
export const exportAnalyticsAction = authedAction(z.object({ range: rangeInput, platform: platformInput }), async (input, { principal }) => {
  const task = await startAnalyticsExport(principal.workspaceId, {
    range: { from: input.range.from, to: input.range.to },
    platform: input.platform ?? null,
    characterId: null,
    origin: await origin(),
  });
  return { taskId: task.id };
});
