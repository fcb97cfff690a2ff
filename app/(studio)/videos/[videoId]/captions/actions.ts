"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { createCaptions, saveCaptionSegments, startBurnIn } from "@/lib/captions/service";
import { resolveReelUrl } from "@/lib/captions/source";
import { CAPTION_PRESETS } from "@/lib/composition/timeline";
import { CAPTION_POSITIONS, captionEditSchema } from "@/lib/validation/captions";
import { uuidSchema } from "@/lib/validation/ids";
import { getGeneratedVideo } from "@/lib/videos/service";

const pathOf = (videoId: string) => `/videos/${videoId}/captions`;

/** Captions of one of the workspace's videos: its narration when the render kept it, else the transcriber's. */
export const generateCaptionsAction = authedAction(z.object({ videoId: uuidSchema("Video not found") }), async ({ videoId }, { principal, db }) => {
  const video = await getGeneratedVideo(db, { workspaceId: principal.workspaceId, videoId });
  const source = await resolveReelUrl(db, principal.workspaceId, `media:${video.mediaId}`, "video");
  const { task } = await createCaptions(db, principal, { source, language: "en", burnIn: null });
  revalidatePath(pathOf(videoId));
  return { taskId: task.id };
});

export const saveCaptionsAction = authedAction(
  z.object({ videoId: uuidSchema("Video not found"), captionId: uuidSchema("Captions not found"), segments: captionEditSchema }),
  async ({ videoId, captionId, segments }, { principal, db }) => {
    await saveCaptionSegments(db, { workspaceId: principal.workspaceId, captionId, segments });
    revalidatePath(pathOf(videoId));
    return { saved: segments.length };
  },
);

export const burnInCaptionsAction = authedAction(
  z.object({
    videoId: uuidSchema("Video not found"),
    captionId: uuidSchema("Captions not found"),
    preset: z.enum(CAPTION_PRESETS),
    position: z.enum(CAPTION_POSITIONS),
  }),
  async ({ videoId, captionId, preset, position }, { principal, db }) => {
    const task = await startBurnIn(db, principal, { captionId, style: { preset, position, color: "#ffffff" } });
    revalidatePath(pathOf(videoId));
    return { taskId: task.id };
  },
);
