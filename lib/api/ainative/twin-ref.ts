import { getDb } from "@/db/client";
import { getCharacterByPublicId } from "@/lib/characters/service";
import { AppError, isAppError } from "@/lib/errors";

/** The character behind a twin id given in a body; one that does not exist is a 404 that names the field. */
export async function twinIdOf(publicId: string, workspaceId: string, field: string): Promise<number> {
  try {
    return (await getCharacterByPublicId(getDb(), { publicId, workspaceId })).id;
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") throw new AppError("not_found", `${field}: twin ${publicId} not found`, field);
    throw e;
  }
}
