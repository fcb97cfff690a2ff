import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { requirePrincipal } from "@/lib/auth/principal";

export const DELETE = route<{ tokenId: string }>(async (req, { tokenId }) => {
  const p = await requirePrincipal(req);
  await revokeApiToken(getDb(), { workspaceId: p.workspaceId, tokenId });
  return new Response(null, { status: 204 });
});
