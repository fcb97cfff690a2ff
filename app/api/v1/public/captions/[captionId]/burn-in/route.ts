import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, readBody, route } from "@/lib/api/ainative/errors";
import { burnInStartedOut } from "@/lib/api/ainative/mappers";
import { burnInIn, burnStyleOf } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { getCaption, startBurnIn } from "@/lib/captions/service";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** Burns the captions into their video: a render, priced per started minute; poll the task for result.output_url. */
export const POST = route<{ captionId: string }>(async (req, { captionId }) => {
  const p = await requireApiKey(req);
  const db = getDb();
  // An unknown caption is a 404 whatever the body says.
  await getCaption(db, { workspaceId: p.workspaceId, captionId });
  const style = burnStyleOf(burnInIn.parse(await readBody(req)));
  const task = await startBurnIn(db, p, { captionId, style });
  return Response.json(burnInStartedOut(task), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST }, CORS_HEADERS);
