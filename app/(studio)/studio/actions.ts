"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { paintIntoLibrary } from "@/lib/library/paint";
import { createStudioRender } from "@/lib/studio-render/service";
import { STUDIO_ASPECT_RATIOS, STUDIO_SIZES, studioRenderInput } from "@/lib/validation/studio-render";
import { text } from "@/lib/validation/text";

/** Paints a background from a short prompt at the video's frame size and keeps it in the library. */
export const paintBackgroundAction = authedAction(
  z.object({
    prompt: text({ label: "The description", max: 300, min: 3, tooShort: "Describe the background in a few words" }),
    aspectRatio: z.enum(STUDIO_ASPECT_RATIOS, { error: "Choose 1:1 or 9:16" }),
  }),
  async ({ prompt, aspectRatio }, { principal, db }) => paintIntoLibrary(db, principal.workspaceId, { prompt, ...STUDIO_SIZES[aspectRatio] }),
);

/** Checks the whole video (the service names the failing scene's field), reserves its price and queues the render. */
export const renderStudioAction = authedAction(studioRenderInput, async (input, { principal, db }) => {
  const { job, warnings } = await createStudioRender(db, principal, input);
  // The header's balance shows the credits the render reserved.
  revalidatePath("/studio");
  return { id: job.id, taskId: job.taskId!, videoId: job.videoId, warnings };
});
