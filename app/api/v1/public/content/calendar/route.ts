import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { calendarItemsOut, postInputOf } from "@/lib/api/ainative/calendar";
import { CORS_HEADERS, preflight, readBody, route } from "@/lib/api/ainative/errors";
import { calendarIn, calendarQuery } from "@/lib/api/ainative/schemas";
import { twinIdOf } from "@/lib/api/ainative/twin-ref";
import { otherMethods } from "@/lib/api/methods";
import { createPost, listPosts } from "@/lib/social/posts";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** Schedules a post: 201 with the item; a past scheduled_at or an unknown twin is a 400 naming the field. */
export const POST = route(async (req) => {
  const p = await requireApiKey(req);
  const input = calendarIn.parse(await readBody(req));
  const db = getDb();
  const characterId = await twinIdOf(input.twin_id, p.workspaceId, "twin_id", "bad_request");
  const post = await createPost(db, p.workspaceId, postInputOf(input, characterId));
  return Response.json((await calendarItemsOut(db, [post]))[0], { status: 201 });
});

/** The workspace's items by scheduled time, filtered by platform, status and a date range. */
export const GET = route(async (req) => {
  const p = await requireApiKey(req);
  const q = calendarQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = getDb();
  const posts = await listPosts(db, p.workspaceId, { platform: q.platform, status: q.status, from: q.from_date, to: q.to_date });
  return Response.json(await calendarItemsOut(db, posts));
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST }, CORS_HEADERS);
