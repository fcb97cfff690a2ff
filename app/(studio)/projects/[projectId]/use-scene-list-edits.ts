"use client";

import { toast } from "sonner";
import type { SceneView } from "@/lib/projects/view";
import { addSceneAction, removeSceneAction } from "../actions";

/** Adding a scene after another and removing one (with Undo, which puts it back where it stood), then `refresh`. */
export function useSceneListEdits(projectId: number, refresh: () => Promise<unknown>) {
  async function addAfter(scene: Pick<SceneView, "sceneNumber">) {
    const res = await addSceneAction({ projectId, position: scene.sceneNumber + 1 });
    if (!res.ok) return void toast.error(res.error);
    await refresh();
    toast.success(`Scene ${res.data.sceneNumber} added: the story writer drafted it to fit between its neighbours`);
  }

  async function remove(scene: Pick<SceneView, "id" | "sceneNumber">) {
    const res = await removeSceneAction({ projectId, sceneId: scene.id });
    if (!res.ok) return void toast.error(res.error);
    await refresh();
    const { position, scene: fields } = res.data;
    toast.success(`Scene ${position} removed`, {
      action: {
        label: "Undo",
        onClick: () =>
          void addSceneAction({ projectId, position, scene: fields }).then(async (back) => {
            if (!back.ok) return void toast.error(back.error);
            await refresh();
            toast.success(`Scene ${position} is back`);
          }),
      },
    });
  }

  return { addAfter, remove };
}
