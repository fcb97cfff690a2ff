import { getDb } from "@/db/client";
import { getCharacterByPublicId } from "@/lib/characters/service";
import { AppError, isAppError } from "@/lib/errors";

/**
 * The character behind a twin id given in a body; one that does not exist is a 404 that names
 * the field (a 400 where `missing` says so: the calendar's "unknown twin" is a validation error).
 */
export async function twinIdOf(publicId: string, workspaceId: string, field: string, missing: "not_found" | "bad_request" = "not_found"): Promise<number> {
  try {
    return (await getCharacterByPublicId(getDb(), { publicId, workspaceId })).id;
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") throw new AppError(missing, `${field}: twin ${publicId} not found`, field);
    throw e;
  }
}
