import type { PublishPlatform } from "@/db/schema/social";
import type { PlatformLimits } from "./platforms/adapter";
import type { MediaFacts } from "./media";

export const platformNames: Record<PublishPlatform, string> = {
  instagram: "Instagram",
  tiktok: "TikTok",
  linkedin: "LinkedIn",
  youtube: "YouTube",
  channel: "your channel",
};

const minutes = (sec: number) => {
  const s = Math.round(sec);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} min`;
};
const megabytes = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const ratio = (w: number, h: number) => (w / h).toFixed(2);

/** What a platform's limits say about a video, in the creator's words; empty when it fits. */
export function mediaProblems(platform: PublishPlatform, limits: PlatformLimits, m: MediaFacts): string[] {
  const name = platformNames[platform];
  const out: string[] = [];
  if (m.durationSec > limits.maxDurationSec) out.push(`${name} takes videos up to ${minutes(limits.maxDurationSec)}; this one is ${minutes(m.durationSec)}`);
  if (m.durationSec < limits.minDurationSec) out.push(`${name} needs at least ${minutes(limits.minDurationSec)}; this one is ${minutes(m.durationSec)}`);
  const aspect = m.width && m.height ? m.width / m.height : 0;
  if (aspect && (aspect < limits.minAspect - 0.005 || aspect > limits.maxAspect + 0.005))
    out.push(
      `${name} takes frames from ${limits.minAspect.toFixed(2)} to ${limits.maxAspect.toFixed(2)} wide per 1 high; this one is ${m.width}x${m.height} (${ratio(m.width, m.height)})`,
    );
  if (m.sizeBytes > limits.maxBytes) out.push(`${name} takes files up to ${megabytes(limits.maxBytes)}; this one is ${megabytes(m.sizeBytes)}`);
  if (!limits.videoCodecs.includes(m.videoCodec))
    out.push(`${name} needs ${limits.videoCodecs.join(" or ")} video; this one is ${m.videoCodec || "not a video"}`);
  if (m.audioCodec && !limits.audioCodecs.includes(m.audioCodec))
    out.push(`${name} needs ${limits.audioCodecs.join(" or ")} audio; this one is ${m.audioCodec}`);
  return out;
}

export function captionProblem(platform: PublishPlatform, limits: PlatformLimits, caption: string): string | null {
  const n = [...caption].length;
  return n > limits.maxCaptionChars ? `${platformNames[platform]} captions are limited to ${limits.maxCaptionChars} characters; this one has ${n}` : null;
}

/** Cuts a caption to a platform's limit at a word boundary, with an ellipsis; code points, not UTF-16 units. */
export function cutCaption(caption: string, max: number): string {
  const chars = [...caption];
  if (chars.length <= max) return caption;
  const head = chars.slice(0, max - 1).join("");
  const atSpace = head.replace(/\s+\S*$/, "");
  return `${atSpace.length > max * 0.6 ? atSpace : head}…`;
}
