import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { compileStoryProject } from "@/lib/composition/recipes/story-project";
import { env } from "@/lib/env";
import type { ProjectRow, SceneRow } from "./queries";

/**
 * A story project as a timeline (its scenes' clips, narration and captions as `media:<id>`
 * assets), plus the media rows it refers to. The stitcher renders it; "Save as template" keeps it.
 */
export async function projectTimeline(db: DbOrTx, project: ProjectRow, rows: SceneRow[]) {
  const ids = rows.flatMap((s) => [s.videoMediaId, s.audioMediaId]).filter((x): x is string => !!x);
  const mediaRows = ids.length ? await db.select().from(media).where(inArray(media.id, ids)) : [];
  const byId = new Map(mediaRows.filter((m) => m.workspaceId === project.workspaceId).map((m) => [m.id, m]));
  const { VIDEO_WIDTH: width, VIDEO_HEIGHT: height } = env();
  const timeline = compileStoryProject({
    title: project.title,
    width,
    height,
    fps: 25,
    burnCaptions: true,
    scenes: rows.map((s) => ({
      sceneNumber: s.sceneNumber,
      clipSrc: `media:${s.videoMediaId}`,
      clipDurationMs: byId.get(s.videoMediaId!)?.durationMs ?? 10_000,
      narrationSrc: s.audioMediaId ? `media:${s.audioMediaId}` : null,
      narrationDurationMs: (s.audioMediaId && byId.get(s.audioMediaId)?.durationMs) || 0,
      segments: s.narrationSegments ?? [],
    })),
  });
  return { timeline, byId };
}
