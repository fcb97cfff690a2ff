import type { characters } from "@/db/schema/characters";
import type { posts, PublishPlatform } from "@/db/schema/social";

type Character = Pick<typeof characters.$inferSelect, "platformDefaults"> | undefined;

/** The hashtags a character adds on a platform, as "#tag" words. */
export function defaultHashtags(character: Character, platform: PublishPlatform): string {
  if (platform === "channel") return "";
  const tags = character?.platformDefaults?.[platform]?.hashtags ?? [];
  return tags.map((t) => `#${t.replace(/^#/, "")}`).join(" ");
}

/** A post's caption on a platform: the one written for it, else the title with the character's hashtags there. */
export function captionFor(post: Pick<typeof posts.$inferSelect, "captions" | "title">, platform: PublishPlatform, character: Character): string {
  const written = post.captions[platform];
  if (written !== undefined && written.trim() !== "") return written;
  const tags = defaultHashtags(character, platform);
  return tags ? `${post.title}\n\n${tags}` : post.title;
}
