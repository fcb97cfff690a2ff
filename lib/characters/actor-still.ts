import path from "node:path";
import type { Db } from "@/db/client";
import type { ACTOR_VARIANTS } from "@/lib/composition/timeline";
import { dataDir } from "@/lib/env";
import { analysePhoto, placeholderPhoto } from "@/lib/render/actor-photo";
import { renderActorStill } from "@/lib/render/actor-still";
import { characterPhotoPath, getCharacter } from "./service";

/** Where renders keep their segments and actor stills: a still made for a preview is the render's too. */
const cacheDir = () => path.join(dataDir(), "cache", "segments");

/**
 * The picture the renderer overlays for a character in one look at one box size (cut out, framed,
 * cropped, with its margin), made or taken from the render cache, so a page can preview exactly
 * what renders. A character without a photo gets the renderer's placeholder.
 */
export async function actorStillPath(
  db: Db,
  args: { workspaceId: string; characterId: number; variant: (typeof ACTOR_VARIANTS)[number]; width: number; height: number },
): Promise<string> {
  await getCharacter(db, { characterId: args.characterId, workspaceId: args.workspaceId });
  const photoPath = (await characterPhotoPath(db, args)) ?? (await placeholderPhoto(cacheDir()));
  const analysis = await analysePhoto(photoPath, cacheDir());
  const still = await renderActorStill({ photoPath, analysis, variant: args.variant, box: { width: args.width, height: args.height }, cacheDir: cacheDir() });
  return still.path;
}
