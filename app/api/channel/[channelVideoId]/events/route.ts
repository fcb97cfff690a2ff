import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseUuid, readJson, route } from "@/lib/api/route";
import { clientAddress } from "@/lib/auth/client-address";
import { currentPrincipal } from "@/lib/auth/principal";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { AppError } from "@/lib/errors";
import { recordChannelEvent } from "@/lib/social/channel-stats";
import { channelEventInput } from "@/lib/validation/channel";

export const dynamic = "force-dynamic";

/**
 * A browser on another site's page could make every one of its visitors report a view, each a real
 * viewer with a fresh address: that is the inflation worth stopping. Browsers mark such a request
 * (Origin, Sec-Fetch-Site), so it is refused. A request without either is a script, which can only
 * count once a day per address and agent, as any viewer does.
 */
function crossSite(headers: Headers): boolean {
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  return headers.get("origin") !== null && !isSameOrigin(headers);
}

/**
 * The channel video page's beacon: { kind: "view" | "play" | "complete" }. Public and without a
 * session requirement; it only ever counts, once per viewer per day, never a bot or the owner.
 * Always 204 once accepted, counted or not, so the answer tells no one how they were judged.
 */
export const POST = route<{ channelVideoId: string }>(async (req, { channelVideoId }) => {
  if (crossSite(req.headers)) throw new AppError("forbidden", "Channel events are accepted only from the channel's own pages");
  const id = parseUuid(channelVideoId, "Channel video");
  const { kind } = channelEventInput.parse(await readJson(req, 1024));
  const signedIn = await currentPrincipal();
  const outcome = await recordChannelEvent(getDb(), {
    channelVideoId: id,
    kind,
    viewer: { address: clientAddress(req.headers), userAgent: req.headers.get("user-agent") ?? "", workspaceId: signedIn?.workspaceId ?? null },
  });
  if (!outcome) throw new AppError("not_found", "Channel video not found");
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
