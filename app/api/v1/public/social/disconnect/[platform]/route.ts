import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { socialPlatformIn } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { disconnectPlatform } from "@/lib/social/accounts";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

type Params = { platform: string };

/** Forgets the platform's accounts and tokens: 204; 404 when none was connected. */
export const DELETE = route<Params>(async (req, { platform: raw }) => {
  const p = await requireApiKey(req);
  const platform = socialPlatformIn("platform").parse(raw);
  if (!(await disconnectPlatform(getDb(), p.workspaceId, platform))) throw notFound("Connected account");
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods({ DELETE }, CORS_HEADERS);
