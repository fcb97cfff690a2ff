import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/holoworld/auth";
import { route } from "@/lib/api/holoworld/errors";
import { renderCreatedOut } from "@/lib/api/holoworld/mappers";
import { renderIn, studioRenderOf } from "@/lib/api/holoworld/schemas";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/route";
import { createStudioRender } from "@/lib/studio-render/service";

export const POST = route(async (req) => {
  const p = await requireApiKey(req);
  const input = studioRenderOf(renderIn.parse(await readJson(req)));
  const started = await createStudioRender(getDb(), p, input, { signal: req.signal });
  return Response.json(renderCreatedOut(started));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
