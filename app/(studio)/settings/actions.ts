"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { issueApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { apiTokenInput } from "@/lib/validation/api-tokens";

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
