import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { requirePrincipal } from "@/lib/auth/principal";

export const DELETE = route<{ tokenId: string }>(async (req, { tokenId }) => {
  const p = await requirePrincipal(req);
  await revokeApiToken(getDb(), { workspaceId: p.workspaceId, tokenId });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
