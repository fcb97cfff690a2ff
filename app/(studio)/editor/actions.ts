"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { createVideoJob, saveTemplate } from "@/lib/videos/service";

const creative = z.record(z.string(), z.unknown(), { error: "videoCreative must be an object" });
const variables = z.record(z.string(), z.string().max(5000)).default({});

/** Validates the editor's videoCreative (the service names the failing path) and enqueues its render. */
export const renderVideoAction = authedAction(
  z.object({ videoCreative: creative, dynamicVariables: variables, draft: z.boolean().default(false) }),
  async ({ videoCreative, dynamicVariables, draft }, { principal, db }) => {
    const job = await createVideoJob(db, principal, { videoCreative, dynamicVariables, draft });
    // The header's balance shows the credits the render reserved.
    if (job.creditsReserved) revalidatePath("/editor");
    return { id: job.id, videoId: job.videoId, taskId: job.taskId! };
  },
);

/** Saves the creative, {placeholders} intact, as a template for POST /api/v1/video-generation-jobs/template-jobs. */
export const saveEditorTemplateAction = authedAction(
  z.object({ name: z.string().trim().min(1, "Give the template a name").max(200), videoCreative: creative }),
  async ({ name, videoCreative }, { principal, db }) => {
    const row = await saveTemplate(db, principal, { name, source: "editor", videoCreative });
    return { id: row.id, name: row.name };
  },
);
