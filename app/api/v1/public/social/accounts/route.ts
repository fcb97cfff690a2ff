import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { socialAccountOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { listAccounts } from "@/lib/social/accounts";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** The connected accounts (the built-in channel needs none and is not listed). */
export const GET = route(async (req) => {
  const p = await requireApiKey(req);
  return Response.json((await listAccounts(getDb(), p.workspaceId)).map(socialAccountOut));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
