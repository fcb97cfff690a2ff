"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withTransaction } from "@/db/transaction";
import { authedAction } from "@/lib/actions/client";
import { issueApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { apiTokenInput } from "@/lib/validation/api-tokens";
import { createEndpointInput, endpointIdInput, setEndpointEnabledInput } from "@/lib/validation/webhooks";
import { queueDeliveryOn } from "@/lib/webhooks/send";
import { createEndpoint, deleteEndpoint, sendTestEvent, setEndpointEnabled } from "@/lib/webhooks/service";

export const createApiTokenAction = authedAction(apiTokenInput, async (input, { principal, db }) => {
  const t = await issueApiToken(db, principal, input);
  revalidatePath("/settings");
  return { id: t.id, name: t.name, token: t.token };
});

export const revokeApiTokenAction = authedAction(z.object({ id: z.string().min(1) }), async ({ id }, { principal, db }) => {
  await revokeApiToken(db, { workspaceId: principal.workspaceId, tokenId: id });
  revalidatePath("/settings");
  return { id };
});

/** The only response that carries the endpoint's secret: the form shows it once. */
export const createWebhookEndpointAction = authedAction(createEndpointInput, async (input, { principal, db }) => {
  const e = await createEndpoint(db, { workspaceId: principal.workspaceId }, input);
  revalidatePath("/settings");
  return { id: e.id, url: e.url, secret: e.secret };
});

export const deleteWebhookEndpointAction = authedAction(endpointIdInput, async ({ id }, { principal, db }) => {
  await deleteEndpoint(db, { workspaceId: principal.workspaceId, endpointId: id });
  revalidatePath("/settings");
  return { id };
});

export const setWebhookEndpointEnabledAction = authedAction(setEndpointEnabledInput, async ({ id, enabled }, { principal, db }) => {
  await setEndpointEnabled(db, { workspaceId: principal.workspaceId, endpointId: id }, enabled);
  revalidatePath("/settings");
  return { id, enabled };
});

export const sendWebhookTestAction = authedAction(endpointIdInput, async ({ id }, { principal }) => {
  // The delivery row and its job commit together: never a logged delivery that nobody sends.
  const deliveryId = await withTransaction(({ tx, executeSql }) =>
    sendTestEvent(tx, { workspaceId: principal.workspaceId, endpointId: id }, queueDeliveryOn(executeSql)),
  );
  return { deliveryId };
});
