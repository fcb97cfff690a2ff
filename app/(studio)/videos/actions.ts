"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { uuidSchema } from "@/lib/validation/ids";
import { deleteGeneratedVideo } from "@/lib/videos/service";

export const deleteVideoAction = authedAction(z.object({ videoId: uuidSchema("Video not found") }), async ({ videoId }, { principal, db }) => {
  await deleteGeneratedVideo(db, { workspaceId: principal.workspaceId, videoId });
  revalidatePath("/videos");
  return { ok: true };
});
