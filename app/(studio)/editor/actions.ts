"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { text } from "@/lib/validation/text";
import { dynamicVariablesSchema, videoCreativeSchema } from "@/lib/validation/videos";
import { createVideoJob, saveTemplate } from "@/lib/videos/service";

const creative = videoCreativeSchema("videoCreative");
const variables = dynamicVariablesSchema.default({});

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
  z.object({ name: text({ label: "The template's name", max: 200, min: 1, tooShort: "Give the template a name" }), videoCreative: creative }),
  async ({ name, videoCreative }, { principal, db }) => {
    const row = await saveTemplate(db, principal, { name, source: "editor", videoCreative });
    return { id: row.id, name: row.name };
  },
);
