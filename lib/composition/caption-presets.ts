import type { Platform, PlatformDefaults } from "@/db/schema/characters";
import { CAPTION_PRESETS, type CaptionPreset } from "./timeline";

/** What each platform's viewers expect when a character has not said otherwise. */
const PLATFORM_PRESET: Record<Platform, CaptionPreset> = {
  tiktok: "highlight",
  instagram: "highlight",
  youtube: "boxed",
  linkedin: "boxed",
};

/**
 * The burned-in caption look for a platform: the character's platform default when it names a
 * preset ("plain", "boxed", "highlight"), else the platform's usual look. A caption style that is
 * not a preset ("short", "hashtag-heavy") describes the post's text, not the subtitles.
 */
export function captionPresetFor(platform: Platform | null | undefined, defaults?: Partial<Record<Platform, PlatformDefaults>>): CaptionPreset {
  if (!platform) return "plain";
  const chosen = defaults?.[platform]?.captionStyle?.trim().toLowerCase();
  if (chosen && (CAPTION_PRESETS as readonly string[]).includes(chosen)) return chosen as CaptionPreset;
  return PLATFORM_PRESET[platform];
}
