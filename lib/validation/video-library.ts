import { z } from "zod";
import { MAX_SERIAL_ID } from "./ids";

/** What a finished video was made from, as the Videos page filters it. */
export const videoLibraryKinds = ["story", "timeline", "avatar", "bulk"] as const;
export type VideoLibraryKind = (typeof videoLibraryKinds)[number];

const blankToUndefined = (v: unknown) => {
  const first: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  return typeof first === "string" && first.trim() === "" ? undefined : first;
};

/**
 * The Videos page's search params (?q=&kind=&character=). A value that is not one of ours is
 * dropped rather than refused: a shared link with a stale filter still opens the page.
 */
export const videoLibraryFilterSchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(120).optional()).catch(undefined),
  kind: z.preprocess(blankToUndefined, z.enum(videoLibraryKinds).optional()).catch(undefined),
  character: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_SERIAL_ID).optional()).catch(undefined),
});
export type VideoLibraryFilter = z.infer<typeof videoLibraryFilterSchema>;

/** Parses Next's searchParams object; never throws. */
export function parseVideoLibraryFilter(params: Record<string, string | string[] | undefined>): VideoLibraryFilter {
  return videoLibraryFilterSchema.parse(params);
}
