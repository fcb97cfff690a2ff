import { isUuid } from "./ids";

/**
 * What a timeline track's `src` may name when it comes from outside: a stored file of the
 * workspace (`media:<uuid>`) or an absolute http(s) URL. Anything else ("media:../../x", a path,
 * file:) is refused by shape, before it reaches a query or a fetch.
 */
export type SourceRef = { kind: "media"; mediaId: string } | { kind: "url"; url: string };

const MEDIA_PREFIX = "media:";

/** `src` as a SourceRef, or null when it has neither shape. */
export function parseSourceRef(src: string): SourceRef | null {
  if (src.startsWith(MEDIA_PREFIX)) {
    const mediaId = src.slice(MEDIA_PREFIX.length);
    return isUuid(mediaId) ? { kind: "media", mediaId: mediaId.toLowerCase() } : null;
  }
  return /^https?:\/\/[^\s]+$/i.test(src) ? { kind: "url", url: src } : null;
}

/** What an invalid reference is told, after the field it came in. */
export const SOURCE_REF_RULE = "must be an http(s) URL or media:<id> of a file in this workspace";
