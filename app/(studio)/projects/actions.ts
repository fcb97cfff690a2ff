"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { addScene, deleteProject, duplicateProject, removeScene, renameProject } from "@/lib/projects/manage";
import { approveProject, createStoryProject, reorderScenes, setProjectMusic, updateScene } from "@/lib/projects/service";
import { recaptionProject } from "@/lib/projects/captions";
import { regenerateScene } from "@/lib/projects/regenerate";
import { startUpscale } from "@/lib/projects/upscale";
import { serialIdSchema } from "@/lib/validation/ids";
import {
  addSceneInput,
  createStoryInput,
  recaptionInput,
  regenerateSceneInput,
  renameProjectInput,
  reorderScenesInput,
  setMusicInput,
  updateSceneInput,
} from "@/lib/validation/projects";
import { AppError } from "@/lib/errors";
import { getProject } from "@/lib/projects/queries";
import { projectTimeline } from "@/lib/projects/timeline";
import { saveTemplate } from "@/lib/videos/service";

const projectId = serialIdSchema("Project not found");

export const createStoryAction = authedAction(createStoryInput, async (input, { principal, db }) => {
  const project = await createStoryProject(db, principal, input);
  revalidatePath("/projects");
  return { id: project.id };
});

export const updateSceneAction = authedAction(
  z.object({ projectId, sceneId: serialIdSchema("Scene not found"), patch: updateSceneInput }),
  async ({ projectId, sceneId, patch }, { principal, db }) => {
    await updateScene(db, { workspaceId: principal.workspaceId, projectId, sceneId, patch });
    return { ok: true };
  },
);

export const setMusicAction = authedAction(setMusicInput.extend({ projectId }), async ({ projectId, music }, { principal, db }) =>
  setProjectMusic(db, { workspaceId: principal.workspaceId, projectId, music }),
);

export const reorderScenesAction = authedAction(reorderScenesInput.extend({ projectId }), async ({ projectId, sceneIds }, { principal, db }) => {
  await reorderScenes(db, { workspaceId: principal.workspaceId, projectId, sceneIds });
  return { ok: true };
});

export const approveProjectAction = authedAction(
  z.object({ projectId, confirmCredits: z.literal(true, { error: "Confirm the credit cost to approve" }), retry: z.boolean().default(false) }),
  async ({ projectId, retry }, { principal, db }) => {
    const { cost, taskId } = await approveProject(db, {
      workspaceId: principal.workspaceId,
      projectId,
      input: { confirmCredits: true },
      retry,
    });
    revalidatePath(`/projects/${projectId}`);
    return { credits: cost.totalCredits, taskId };
  },
);

export const deleteProjectAction = authedAction(z.object({ projectId }), async ({ projectId }, { principal, db }) => {
  const removed = await deleteProject(db, { workspaceId: principal.workspaceId, projectId });
  revalidatePath("/projects");
  revalidatePath("/videos");
  return removed;
});

export const renameProjectAction = authedAction(renameProjectInput.extend({ projectId }), async ({ projectId, title }, { principal, db }) => {
  const row = await renameProject(db, { workspaceId: principal.workspaceId, projectId, title });
  revalidatePath("/projects");
  return { title: row.title };
});

export const duplicateProjectAction = authedAction(z.object({ projectId }), async ({ projectId }, { principal, db }) => {
  const copy = await duplicateProject(db, { workspaceId: principal.workspaceId, projectId });
  revalidatePath("/projects");
  return { id: copy.id };
});

export const addSceneAction = authedAction(addSceneInput.extend({ projectId }), async ({ projectId, ...input }, { principal, db }) => {
  const { scene } = await addScene(db, { workspaceId: principal.workspaceId, projectId, input });
  return { sceneNumber: scene.sceneNumber };
});

export const removeSceneAction = authedAction(
  z.object({ projectId, sceneId: serialIdSchema("Scene not found") }),
  async ({ projectId, sceneId }, { principal, db }) => {
    return removeScene(db, { workspaceId: principal.workspaceId, projectId, sceneId });
  },
);

export const saveProjectTemplateAction = authedAction(z.object({ projectId }), async ({ projectId }, { principal, db }) => {
  const project = await getProject(db, { projectId, workspaceId: principal.workspaceId });
  if (project.status !== "completed") throw new AppError("bad_request", "Only a finished project can be saved as a template");
  const { timeline } = await projectTimeline(db, project, project.scenes);
  const template = await saveTemplate(db, principal, {
    name: project.title,
    source: `project:${project.id}`,
    videoCreative: timeline,
  });
  return { id: template.id };
});

export const regenerateSceneAction = authedAction(
  z.object({ projectId, sceneNumber: z.number().int().min(1).max(10), input: regenerateSceneInput }),
  async ({ projectId, sceneNumber, input }, { principal, db }) => {
    const { cost } = await regenerateScene(db, { workspaceId: principal.workspaceId, projectId, sceneNumber, input });
    revalidatePath(`/projects/${projectId}`);
    return { credits: cost.totalCredits };
  },
);

export const upscaleProjectAction = authedAction(z.object({ projectId }), async ({ projectId }, { principal, db }) => {
  const { started } = await startUpscale(db, { workspaceId: principal.workspaceId, projectId });
  return { started };
});

/** Re-words caption cues of a finished story and re-burns them (free; only the changed scenes' segments re-render). */
export const recaptionProjectAction = authedAction(recaptionInput.extend({ projectId }), async ({ projectId, edits }, { principal, db }) => {
  const { sceneNumbers, taskId } = await recaptionProject(db, { workspaceId: principal.workspaceId, projectId, input: { edits } });
  revalidatePath(`/projects/${projectId}`);
  return { sceneNumbers, taskId };
});
