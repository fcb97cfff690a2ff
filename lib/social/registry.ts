import type { DbOrTx } from "@/db/client";
import type { PublishPlatform, SocialPlatform } from "@/db/schema/social";
import type { ClientCredentials, PlatformAdapter, PlatformLimits } from "./platforms/adapter";
import { CHANNEL_LIMITS, createChannelAdapter } from "./platforms/channel";
import { createLinkedInAdapter, LINKEDIN_LIMITS, linkedInConfigFromEnv } from "./platforms/linkedin";
import { createInstagramAdapter, INSTAGRAM_LIMITS, instagramConfigFromEnv } from "./platforms/instagram";
import { createYouTubeAdapter, YOUTUBE_LIMITS, youTubeConfigFromEnv } from "./platforms/youtube";
import { createTikTokAdapter, TIKTOK_LIMITS, tikTokConfigFromEnv } from "./platforms/tiktok";

/**
 * Which adapter speaks for each platform, configured from the environment: API base URLs
 * (<PLATFORM>_API_BASE_URL...) default to the real platforms; an app's client id and secret
 * (<PLATFORM>_CLIENT_ID / _CLIENT_SECRET) make OAuth connect possible, and a platform without
 * them is "not configured" rather than failing.
 */

interface SocialEntry {
  adapter: () => PlatformAdapter;
  limits: PlatformLimits;
  /** Env names of the app credentials. */
  clientEnv: { id: string; secret: string };
}

const social: Partial<Record<SocialPlatform, SocialEntry>> = {
  instagram: {
    adapter: () => createInstagramAdapter(instagramConfigFromEnv()),
    limits: INSTAGRAM_LIMITS,
    clientEnv: { id: "INSTAGRAM_CLIENT_ID", secret: "INSTAGRAM_CLIENT_SECRET" },
  },
  linkedin: {
    adapter: () => createLinkedInAdapter(linkedInConfigFromEnv()),
    limits: LINKEDIN_LIMITS,
    clientEnv: { id: "LINKEDIN_CLIENT_ID", secret: "LINKEDIN_CLIENT_SECRET" },
  },
  tiktok: {
    adapter: () => createTikTokAdapter(tikTokConfigFromEnv()),
    limits: TIKTOK_LIMITS,
    // TikTok calls its client id the "client key".
    clientEnv: { id: "TIKTOK_CLIENT_KEY", secret: "TIKTOK_CLIENT_SECRET" },
  },
  youtube: {
    adapter: () => createYouTubeAdapter(youTubeConfigFromEnv()),
    limits: YOUTUBE_LIMITS,
    clientEnv: { id: "YOUTUBE_CLIENT_ID", secret: "YOUTUBE_CLIENT_SECRET" },
  },
};

/** Tests swap a platform's adapter for one built on a local fake's address. */
const overrides = new Map<PublishPlatform, PlatformAdapter>();
export function overrideAdapter(platform: PublishPlatform, adapter: PlatformAdapter | null): void {
  if (adapter) overrides.set(platform, adapter);
  else overrides.delete(platform);
}

export function platformLimits(platform: PublishPlatform): PlatformLimits | null {
  if (platform === "channel") return CHANNEL_LIMITS;
  return overrides.get(platform)?.limits ?? social[platform]?.limits ?? null;
}

/** Whether Cinetwin can publish to the platform at all (an adapter exists). */
export function platformSupported(platform: PublishPlatform): boolean {
  return platform === "channel" || overrides.has(platform) || !!social[platform];
}

/** The env names that hold a platform's app credentials (shown where it is "not configured"). */
export function clientEnvNames(platform: SocialPlatform): { id: string; secret: string } | null {
  return social[platform]?.clientEnv ?? null;
}

export function clientCredentials(platform: SocialPlatform, env = process.env): ClientCredentials | null {
  const entry = social[platform];
  if (!entry) return null;
  const clientId = env[entry.clientEnv.id]?.trim();
  const clientSecret = env[entry.clientEnv.secret]?.trim();
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

export interface TargetRef {
  id: string;
  workspaceId: string;
  platform: PublishPlatform;
  characterId: number;
  videoId: string | null;
}

export function adapterFor(db: DbOrTx, target: TargetRef): PlatformAdapter {
  const override = overrides.get(target.platform);
  if (override) return override;
  if (target.platform === "channel") return createChannelAdapter(db, target);
  const entry = social[target.platform];
  if (!entry) throw new Error(`no adapter for ${target.platform}`);
  return entry.adapter();
}

/** The platform's adapter without a target (OAuth, insights). */
export function socialAdapter(platform: SocialPlatform): PlatformAdapter | null {
  return overrides.get(platform) ?? social[platform]?.adapter() ?? null;
}
