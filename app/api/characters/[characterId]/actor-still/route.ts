import fs from "node:fs/promises";
import { z } from "zod";
import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { actorStillPath } from "@/lib/characters/actor-still";
import { ACTOR_VARIANTS } from "@/lib/composition/timeline";

export const dynamic = "force-dynamic";

const side = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number of pixels` })
    .int(`${name} must be whole pixels`)
    .min(16, `${name} is at least 16`)
    .max(2048, `${name} is at most 2048`);
const query = z.object({
  variant: z.enum(ACTOR_VARIANTS, { error: `variant must be one of ${ACTOR_VARIANTS.join(", ")}` }).default("full_body"),
  width: side("width"),
  height: side("height"),
});

/**
 * The character as the renderer draws it in one look at one box size (PNG): the studio's previews
 * show this picture, so what they show is what renders.
 */
export const GET = route<{ characterId: string }>(async (req, { characterId }) => {
  const p = await requirePrincipal(req);
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const file = await actorStillPath(getDb(), { workspaceId: p.workspaceId, characterId: parseId(characterId, "Character"), ...q });
  const png = await fs.readFile(file);
  return new Response(new Uint8Array(png), {
    headers: { "Content-Type": "image/png", "Content-Length": String(png.length), "Cache-Control": "private, max-age=3600" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
