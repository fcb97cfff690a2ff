"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { uuidSchema } from "@/lib/validation/ids";
import { jsonObject } from "@/lib/validation/json";
import { text } from "@/lib/validation/text";
import { dynamicVariablesSchema, videoCreativeSchema } from "@/lib/validation/videos";
import { createVideoJob, saveTemplate } from "@/lib/videos/service";
import { deleteTimeline, duplicateTimeline, renameTimeline, saveTimeline } from "@/lib/videos/timelines";

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

const timelineId = uuidSchema("Timeline not found");
const timelineName = text({ label: "The timeline's name", max: 120, min: 1, tooShort: "Give the timeline a name" });

/** Autosave: creates the timeline on the first edit (no id), then saves over it. */
export const saveTimelineAction = authedAction(
  z.object({
    id: timelineId.optional(),
    name: timelineName,
    body: z.object({ videoCreative: jsonObject({ label: "videoCreative" }), dynamicVariables: variables }),
  }),
  async ({ id, name, body }, { principal, db }) => {
    const row = await saveTimeline(db, principal.workspaceId, { id, name, body });
    return { id: row.id, updatedAt: row.updatedAt.toISOString() };
  },
);

export const renameTimelineAction = authedAction(z.object({ id: timelineId, name: timelineName }), async ({ id, name }, { principal, db }) => {
  await renameTimeline(db, principal.workspaceId, id, name);
  revalidatePath("/editor");
  return { id };
});

export const duplicateTimelineAction = authedAction(z.object({ id: timelineId }), async ({ id }, { principal, db }) => {
  const row = await duplicateTimeline(db, principal.workspaceId, id);
  revalidatePath("/editor");
  return { id: row.id };
});

export const deleteTimelineAction = authedAction(z.object({ id: timelineId }), async ({ id }, { principal, db }) => {
  await deleteTimeline(db, principal.workspaceId, id);
  revalidatePath("/editor");
  return { id };
});
