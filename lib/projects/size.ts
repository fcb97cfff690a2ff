import type { AspectRatio } from "@/db/schema/projects";
import { env } from "@/lib/env";

/**
 * A story video's pixel size: VIDEO_WIDTH x VIDEO_HEIGHT give the long and the short side (1280
 * and 720 by default), the project's shape which is which; a square is short by short.
 */
export function projectSize(
  project: { aspectRatio: AspectRatio },
  base: { VIDEO_WIDTH: number; VIDEO_HEIGHT: number } = env(),
): { width: number; height: number } {
  const { VIDEO_WIDTH, VIDEO_HEIGHT } = base;
  const even = (n: number) => 2 * Math.round(n / 2);
  const long = even(Math.max(VIDEO_WIDTH, VIDEO_HEIGHT));
  const short = even(Math.min(VIDEO_WIDTH, VIDEO_HEIGHT));
  if (project.aspectRatio === "9:16") return { width: short, height: long };
  if (project.aspectRatio === "1:1") return { width: short, height: short };
  return { width: long, height: short };
}
