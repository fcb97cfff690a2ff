import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { removeFromLibrary } from "@/lib/library/service";

export const dynamic = "force-dynamic";

/** Takes an item out of the library (204); renders that used it keep their file. */
export const DELETE = route<{ mediaId: string }>(async (req, { mediaId }) => {
  const p = await requirePrincipal(req);
  await removeFromLibrary(getDb(), p.workspaceId, mediaId);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
