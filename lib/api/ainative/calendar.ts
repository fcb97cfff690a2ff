import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import type { PostWithTargets } from "@/lib/social/posts";
import type { PostInput } from "@/lib/validation/posts";
import { calendarItemOut } from "./mappers";
import type { CalendarIn } from "./schemas";

/** The seed's calendar body as the domain's post: one platform (or the extension's several), one caption for all. */
export function postInputOf(input: CalendarIn, characterId: number): PostInput {
  const platforms = [...new Set(input.platforms ?? (input.platform ? [input.platform] : []))];
  return {
    characterId,
    title: input.title,
    script: input.script,
    videoId: input.video_id ?? null,
    scheduledAt: input.scheduled_at,
    targets: platforms.map((platform) => ({ platform })),
    captions: input.caption ? Object.fromEntries(platforms.map((p) => [p, input.caption!])) : {},
  };
}

/** Calendar items with their twins' public ids. */
export async function calendarItemsOut(db: DbOrTx, posts: PostWithTargets[]) {
  const ids = [...new Set(posts.map((p) => p.characterId))];
  const twins = ids.length ? await db.select({ id: characters.id, publicId: characters.publicId }).from(characters).where(inArray(characters.id, ids)) : [];
  const publicId = new Map(twins.map((t) => [t.id, t.publicId]));
  return posts.map((p) => calendarItemOut(p, publicId.get(p.characterId) ?? ""));
}
