import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { calendarItemsOut } from "@/lib/api/ainative/calendar";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { otherMethods } from "@/lib/api/methods";
import { deletePost, getPost } from "@/lib/social/posts";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

type Params = { itemId: string };

export const GET = route<Params>(async (req, { itemId }) => {
  const p = await requireApiKey(req);
  const db = getDb();
  return Response.json((await calendarItemsOut(db, [await getPost(db, p.workspaceId, itemId)]))[0]);
});

/** Removes the item from the calendar (a post already on a platform stays there); 409 while it is publishing. */
export const DELETE = route<Params>(async (req, { itemId }) => {
  const p = await requireApiKey(req);
  await deletePost(getDb(), p.workspaceId, itemId);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, PATCH } = otherMethods({ GET, DELETE }, CORS_HEADERS);
