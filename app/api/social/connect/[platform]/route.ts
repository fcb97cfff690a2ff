import { z } from "zod";
import { getDb } from "@/db/client";
import { platforms } from "@/db/schema/characters";
import { otherMethods } from "@/lib/api/methods";
import { requestOrigin, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { beginConnect } from "@/lib/social/accounts";

export const dynamic = "force-dynamic";

const platformParam = z.enum(platforms, { error: "no such platform" });

/**
 * The studio's "Connect" button: sends the signed-in creator to the platform's consent page; the
 * platform returns them through the API's callback, which lands on Settings.
 */
export const GET = route<{ platform: string }>(async (req, { platform: raw }) => {
  const p = await requirePrincipal(req);
  const parsed = platformParam.safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", "no such platform");
  const origin = requestOrigin(req);
  const url = await beginConnect(getDb(), {
    workspaceId: p.workspaceId,
    platform: parsed.data,
    callbackUri: `${origin}/api/v1/public/social/callback/${parsed.data}`,
    returnTo: `${origin}/settings#accounts`,
  });
  return new Response(null, { status: 302, headers: { Location: url } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
