import { and, eq, isNull, type SQL } from "drizzle-orm";
import { characters } from "@/db/schema/characters";

/** A character that has not been deleted: every read of characters includes it, so a deleted one is not found anywhere. */
export const liveCharacter = isNull(characters.deletedAt);

/** The workspace's live characters, or one of them by id: the `where` of every character query. */
export function characterScope(workspaceId: string, characterId?: number): SQL {
  return and(eq(characters.workspaceId, workspaceId), ...(characterId === undefined ? [] : [eq(characters.id, characterId)]), liveCharacter)!;
}
