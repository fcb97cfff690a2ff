import { env } from "@/lib/env";

/** This server's public origin: PUBLIC_URL, else the local address it listens on. */
export function publicOrigin(): string {
  return (process.env.PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
}

/** The public share page of a generated video. */
export const sharePageUrl = (token: string, origin = publicOrigin()) => `${origin}/v/${token}`;

/** The video file itself, public for whoever holds the share token. */
export const shareFileUrl = (token: string, origin = publicOrigin()) => `${origin}/api/share/${token}/video`;
export const shareThumbnailUrl = (token: string, origin = publicOrigin()) => `${origin}/api/share/${token}/thumbnail`;
