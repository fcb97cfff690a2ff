import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { workspaceProviders } from "@/db/schema/providers";
import { AppError } from "@/lib/errors";
import { capabilities, type Capability, type ProviderSettingInput } from "@/lib/validation/provider-settings";
import { envProviderId, sealProviderKey, type ProviderChoice } from "./settings";

/** What the settings page may see of a capability: never the key, only its last four characters. */
export interface ProviderSettingView {
  capability: Capability;
  /** The provider in use: the workspace's, else the environment's, else "local". */
  effectiveId: string;
  source: ProviderChoice["source"];
  /** The environment's choice, shown when the workspace sets none. */
  envId: string;
  saved: { providerId: string; model: string | null; baseUrl: string | null; keyLast4: string | null; fallbackToOffline: boolean } | null;
}

export async function listProviderSettings(db: DbOrTx, workspaceId: string): Promise<ProviderSettingView[]> {
  const rows = await db
    .select({
      capability: workspaceProviders.capability,
      providerId: workspaceProviders.providerId,
      model: workspaceProviders.model,
      baseUrl: workspaceProviders.baseUrl,
      keyLast4: workspaceProviders.keyLast4,
      fallbackToOffline: workspaceProviders.fallbackToOffline,
    })
    .from(workspaceProviders)
    .where(eq(workspaceProviders.workspaceId, workspaceId));
  return capabilities.map((capability) => {
    const row = rows.find((r) => r.capability === capability);
    const envId = envProviderId(capability);
    const saved = row
      ? { providerId: row.providerId, model: row.model, baseUrl: row.baseUrl, keyLast4: row.keyLast4, fallbackToOffline: row.fallbackToOffline }
      : null;
    return { capability, envId, saved, effectiveId: saved?.providerId ?? envId, source: saved ? "workspace" : envId === "local" ? "default" : "env" };
  });
}

/** Only the workspace's owner changes where its keys go and what they pay for. */
export async function assertWorkspaceOwner(db: DbOrTx, p: { userId: string; workspaceId: string }) {
  const [ws] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.id, p.workspaceId), eq(workspaces.ownerId, p.userId)));
  if (!ws) throw new AppError("forbidden", "Only the workspace's owner can change its providers");
}

/** Saves one capability's settings; the key is sealed before it reaches the database. */
export async function saveProviderSetting(db: DbOrTx, p: { userId: string; workspaceId: string }, input: ProviderSettingInput) {
  await assertWorkspaceOwner(db, p);
  const key = input.providerId === "local" || input.removeKey ? { sealedKey: null, keyLast4: null } : undefined;
  const newKey =
    input.apiKey && input.providerId !== "local"
      ? { sealedKey: sealProviderKey(input.apiKey, p.workspaceId, input.capability), keyLast4: input.apiKey.slice(-4) }
      : undefined;
  const values = {
    providerId: input.providerId,
    model: input.providerId === "local" ? null : input.model,
    baseUrl: input.providerId === "local" ? null : input.baseUrl,
    fallbackToOffline: input.providerId !== "local" && input.fallbackToOffline,
    updatedAt: new Date(),
    ...(newKey ?? key ?? {}),
  };
  await db
    .insert(workspaceProviders)
    .values({ workspaceId: p.workspaceId, capability: input.capability, sealedKey: null, keyLast4: null, ...values })
    .onConflictDoUpdate({ target: [workspaceProviders.workspaceId, workspaceProviders.capability], set: values });
}

/** Forgets the workspace's setting for a capability: the environment decides again. */
export async function resetProviderSetting(db: DbOrTx, p: { userId: string; workspaceId: string }, capability: Capability) {
  await assertWorkspaceOwner(db, p);
  await db.delete(workspaceProviders).where(and(eq(workspaceProviders.workspaceId, p.workspaceId), eq(workspaceProviders.capability, capability)));
}
