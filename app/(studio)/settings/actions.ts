"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { platforms } from "@/db/schema/characters";
import { withTransaction } from "@/db/transaction";
import { AuthError } from "next-auth";
import { deleteAccount } from "@/lib/accounts/delete";
import { startAccountExport } from "@/lib/accounts/export";
import { updateProfile } from "@/lib/accounts/profile";
import { changePassword } from "@/lib/accounts/service";
import { authedAction } from "@/lib/actions/client";
import { issueApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { signIn, signOut } from "@/lib/auth/auth";
import { endSessions } from "@/lib/auth/sessions";
import { addCredits, setAllowance } from "@/lib/credits/manage";
import { testProviderConnection } from "@/lib/providers/connection-test";
import { providerChoice } from "@/lib/providers/settings";
import { assertWorkspaceOwner, resetProviderSetting, saveProviderSetting } from "@/lib/providers/settings-store";
import { disconnectPlatform } from "@/lib/social/accounts";
import { apiTokenInput } from "@/lib/validation/api-tokens";
import { deleteAccountInput, updateProfileInput } from "@/lib/validation/account";
import { changePasswordInput } from "@/lib/validation/auth";
import { addCreditsInput, setAllowanceInput } from "@/lib/validation/credits";
import { capabilityInput, providerSettingInput } from "@/lib/validation/provider-settings";
import { uuidSchema } from "@/lib/validation/ids";
import { createEndpointInput, endpointIdInput, setEndpointEnabledInput } from "@/lib/validation/webhooks";
import { queueDeliveryOn } from "@/lib/webhooks/send";
import { createEndpoint, deleteEndpoint, sendTestEvent, setEndpointEnabled } from "@/lib/webhooks/service";

export const createApiTokenAction = authedAction(apiTokenInput, async (input, { principal, db }) => {
  const t = await issueApiToken(db, principal, input);
  revalidatePath("/settings");
  return { id: t.id, name: t.name, token: t.token };
});

export const revokeApiTokenAction = authedAction(z.object({ id: uuidSchema("API token not found") }), async ({ id }, { principal, db }) => {
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

/**
 * Sets a new password, which ends every session and access token issued before it, then signs
 * this browser back in with the new password (a fresh session of the new generation).
 */
export const changePasswordAction = authedAction(changePasswordInput, async (input, { principal, db }) => {
  const { email } = await changePassword(db, principal.userId, input);
  try {
    await signIn("credentials", { email, password: input.newPassword, redirect: false });
  } catch (e) {
    // The password did change; only this browser's new session is missing. Rare (this address
    // throttled by failures of its own): the page sends the user to sign in.
    if (e instanceof AuthError) return { signedIn: false };
    throw e;
  }
  return { signedIn: true };
});

/** Ends every session (this one too) and every access token; API tokens are revoked one by one above. */
export const signOutEverywhereAction = authedAction(z.object({}), async (_, { principal, db }) => {
  await endSessions(db, principal.userId);
  await signOut({ redirect: false });
  return { signedOut: true };
});

export const disconnectSocialAction = authedAction(
  z.object({ platform: z.enum(platforms, { error: "no such platform" }) }),
  async ({ platform }, { principal, db }) => {
    await disconnectPlatform(db, principal.workspaceId, platform);
    revalidatePath("/settings");
    return { platform };
  },
);

/** The workspace's owner adds credits by hand (a ledger grant naming them); anyone else gets a 403 message. */
export const addCreditsAction = authedAction(addCreditsInput, async (input, { principal, db }) => {
  const { balance } = await addCredits(db, principal, input);
  revalidatePath("/settings");
  revalidatePath("/", "layout");
  return { balance };
});

/** The owner sets the monthly allowance (0 turns it off), granted on the 1st of each month (UTC). */
export const setCreditAllowanceAction = authedAction(setAllowanceInput, async (input, { principal, db }) => {
  const allowance = await setAllowance(db, principal, input);
  revalidatePath("/settings");
  return allowance;
});

/** Saves a capability's provider; a key given is sealed at once and never sent back (only its last 4). */
export const saveProviderSettingAction = authedAction(providerSettingInput, async (input, { principal, db }) => {
  await saveProviderSetting(db, principal, input);
  revalidatePath("/settings");
  return { capability: input.capability };
});

/** Forgets the workspace's choice: the operator's environment (or local) decides again. */
export const resetProviderSettingAction = authedAction(capabilityInput, async ({ capability }, { principal, db }) => {
  await resetProviderSetting(db, principal, capability);
  revalidatePath("/settings");
  return { capability };
});

/** One cheap authenticated call to the provider in use; answers OK or the vendor's words. */
export const testProviderConnectionAction = authedAction(capabilityInput, async ({ capability }, { principal, db }) => {
  await assertWorkspaceOwner(db, principal);
  const choice = await providerChoice(db, principal.workspaceId, capability);
  return testProviderConnection(capability, choice.config ?? { id: choice.id, model: null, baseUrl: null, apiKey: null });
});

/**
 * Saves the name and email. A new email signs this browser back in under it (the session carries
 * the email the menu shows); the password was just proved, so that sign-in is the same check.
 */
export const updateProfileAction = authedAction(updateProfileInput, async (input, { principal, db }) => {
  const saved = await updateProfile(db, principal.userId, input);
  if (saved.emailChanged && input.currentPassword) {
    try {
      await signIn("credentials", { email: saved.email, password: input.currentPassword, redirect: false });
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
    }
  }
  revalidatePath("/", "layout");
  return { name: saved.name, email: saved.email };
});

async function origin() {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}

/** "Export all my data": the export task (the open one when an export is already queued or running). */
export const startAccountExportAction = authedAction(z.object({}), async (_, { principal }) => {
  const task = await startAccountExport({ workspaceId: principal.workspaceId, userId: principal.userId }, await origin());
  return { taskId: task.id };
});

/** Deletes the account, its workspace and its files, then clears this browser's session cookie. */
export const deleteAccountAction = authedAction(deleteAccountInput, async (input, { principal, db }) => {
  await deleteAccount(db, principal.userId, input);
  await signOut({ redirect: false });
  return { deleted: true };
});
