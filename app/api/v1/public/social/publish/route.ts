import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, readBody, route } from "@/lib/api/ainative/errors";
import { socialPublishIn } from "@/lib/api/ainative/schemas";
import { taskStatusWord } from "@/lib/api/ainative/status";
import { twinIdOf } from "@/lib/api/ainative/twin-ref";
import { otherMethods } from "@/lib/api/methods";
import { videoForReel } from "@/lib/social/import";
import { publishImmediately } from "@/lib/social/posts";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/**
 * Publishes one video to several platforms now: a calendar item at the current time, with a
 * task per platform (poll GET /social/publish/{job_id}). The video is checked against every
 * platform's limits first; any refusal is a 400 and nothing is published.
 */
export const POST = route(async (req) => {
  const p = await requireApiKey(req);
  const input = socialPublishIn.parse(await readBody(req));
  const db = getDb();
  const characterId = await twinIdOf(input.twin_id, p.workspaceId, "twin_id", "bad_request");
  const videoId = await videoForReel(db, p.workspaceId, input.reel_url, "reel_url");
  const platforms = [...new Set(input.platforms)];
  const title = input.title?.trim() || input.caption.split("\n")[0].trim().slice(0, 100) || "Untitled";
  const post = await publishImmediately(db, p.workspaceId, {
    characterId,
    title,
    script: "",
    videoId,
    targets: platforms.map((platform) => ({ platform })),
    captions: input.caption ? Object.fromEntries(platforms.map((pl) => [pl, input.caption])) : {},
  });
  return Response.json(
    {
      results: post.targets.map((t) => ({ platform: t.platform, task_id: t.task!.id, status: taskStatusWord(t.task!.status) })),
      post_id: post.id,
    },
    { status: 202 },
  );
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST }, CORS_HEADERS);
