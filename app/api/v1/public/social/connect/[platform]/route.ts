import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { connectQuery, socialPlatformIn } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { requestOrigin } from "@/lib/api/route";
import { beginConnect } from "@/lib/social/accounts";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

type Params = { platform: string };

/**
 * Starts OAuth: 302 to the platform's consent page (its URL also in the body as
 * authorization_url, for clients that do not follow redirects). The platform sends the user back
 * to /social/callback/{platform}, which then redirects to redirect_uri.
 */
export const GET = route<Params>(async (req, { platform: raw }) => {
  const p = await requireApiKey(req);
  const platform = socialPlatformIn("platform").parse(raw);
  const q = connectQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const callbackUri = `${requestOrigin(req)}/api/v1/public/social/callback/${platform}`;
  const url = await beginConnect(getDb(), { workspaceId: p.workspaceId, platform, callbackUri, returnTo: q.redirect_uri ?? null });
  return Response.json({ authorization_url: url }, { status: 302, headers: { Location: url } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
