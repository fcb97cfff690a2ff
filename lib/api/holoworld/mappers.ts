import type { listStudioBackgrounds, StudioRenderStarted, StudioWarning } from "@/lib/studio-render/service";
import type { GeneratedVideoRow, VideoJobRow } from "@/lib/videos/service";
import { shareFileUrl } from "@/lib/videos/urls";
import { STUDIO_SIZES } from "@/lib/validation/studio-render";
import { requestOrigin } from "../route";
import { holoworldWords } from "./errors";
import { dialectAspectRatio } from "./schemas";
import { renderStatusWord } from "./status";

/** Response mappers of the studio (Holoworld) dialect. */

/** The seed's RENDER_ID: `render-<uuid>`, the uuid being the render job's. */
export const renderIdOf = (jobId: string) => `render-${jobId}`;
/** The job id of a RENDER_ID (the bare uuid works too); anything else names nothing. */
export const jobIdOfRender = (renderId: string) => renderId.replace(/^render-/, "");

const rewrite = (text: string) => (holoworldWords.paths ?? []).concat(holoworldWords.nouns ?? []).reduce((t, [from, to]) => t.replace(from, to), text);
const warningOut = (w: StudioWarning) => ({ field: rewrite(w.field), message: rewrite(w.message) });

/** POST /api/studio/render: the seed's `{ id, status }` and what else the job knows. */
export function renderCreatedOut(started: StudioRenderStarted) {
  const { render } = started;
  return {
    id: renderIdOf(started.job.id),
    status: renderStatusWord(started.job.status),
    videoId: started.job.videoId,
    aspectRatio: dialectAspectRatio(render.aspectRatio),
    ...STUDIO_SIZES[render.aspectRatio],
    scenes: render.scenes.length,
    creditsCharged: started.price.credits,
    warnings: started.warnings.map(warningOut),
    createdAt: started.job.createdAt.toISOString(),
  };
}

/** GET /api/studio/render/{renderId}: the seed's `{ id, status, url }` and `errorMessage` its polling loop reads. */
export function renderOut(req: Request, { job, video }: { job: VideoJobRow; video: GeneratedVideoRow | null }) {
  return {
    id: renderIdOf(job.id),
    status: renderStatusWord(job.status),
    progress: job.progress,
    url: video ? shareFileUrl(video.shareToken, requestOrigin(req)) : null,
    errorMessage: job.status === "failed" || job.status === "canceled" ? (job.errorMessage ?? "The render failed") : null,
    videoId: job.videoId,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** GET /api/studio/backgrounds. */
export function backgroundsOut(list: ReturnType<typeof listStudioBackgrounds>) {
  return {
    backgrounds: list.backgrounds.map((b) => ({
      id: b.id,
      name: b.name,
      source: b.source,
      aspectRatio: dialectAspectRatio(b.aspectRatio),
      width: b.width,
      height: b.height,
    })),
    clips: list.clips.map((c) => ({ id: c.id, name: c.name, source: c.source, loopSeconds: c.loopSeconds, default: c.default })),
  };
}
