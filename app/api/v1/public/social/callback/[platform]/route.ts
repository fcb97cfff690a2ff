import { getDb } from "@/db/client";
import { socialAccountOut } from "@/lib/api/ainative/mappers";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { callbackQuery, socialPlatformIn } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { completeConnect, consumeState } from "@/lib/social/accounts";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

type Params = { platform: string };

/** redirect_uri with the outcome in its query. */
function back(returnTo: string, params: Record<string, string>): Response {
  const url = new URL(returnTo);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return new Response(null, { status: 302, headers: { Location: url.toString() } });
}

/**
 * Where the platform sends the user after consent (no API key: the state parameter, issued by
 * /social/connect and usable once, identifies the workspace). A forged, expired or replayed state
 * is a 400 and nothing is stored. Then 302 to the caller's redirect_uri, or the account as JSON.
 */
export const GET = route<Params>(async (req, { platform: raw }) => {
  const platform = socialPlatformIn("platform").parse(raw);
  const q = callbackQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  if (q.error || !q.code) {
    // The user declined (or the platform failed): the state is still checked before anything is said.
    const { returnTo } = await consumeState(getDb(), platform, q.state);
    const why = q.error_description ?? q.error ?? "no authorization code";
    if (returnTo) return back(returnTo, { error: why, platform });
    throw new AppError("bad_request", `the platform did not authorize: ${why}`, "code");
  }
  const { account, returnTo } = await completeConnect(getDb(), { platform, state: q.state, code: q.code });
  if (returnTo) return back(returnTo, { connected: platform, account_id: account.id });
  return Response.json(socialAccountOut(account));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
