import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { characterScope } from "@/lib/characters/scope";
import type { CharacterRow } from "@/lib/characters/service";
import type { Timeline } from "@/lib/composition/timeline";
import { AppError } from "@/lib/errors";
import { localVoices, voiceBySpeakerId } from "@/lib/providers/speech/voices";
import { actorIdOf } from "./engine";

/** How many names an error lists before it says how many more there are. */
const LISTED = 12;

/** The workspace's characters whose cloned voice is ready: speakers `character-<id>` in timelines. */
export async function listClonedVoiceCharacters(db: Db, args: { workspaceId: string }): Promise<CharacterRow[]> {
  const rows = await db
    .select()
    .from(characters)
    .where(and(characterScope(args.workspaceId), eq(characters.voiceStatus, "ready")))
    .orderBy(desc(characters.updatedAt), desc(characters.id));
  // A ready voice has no error to report.
  return rows.map((r) => ({ ...r, voiceError: null }));
}

function available(names: string[], none: string): string {
  if (!names.length) return none;
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : "";
  return `available: ${names.slice(0, LISTED).join(", ")}${more}`;
}

/**
 * Every actor a timeline names must be a character of the workspace, and every speakerId one of
 * its cloned voices or a voice of the speech engine (ids of other systems, such as
 * "en-GB-RyanNeural", count when they map to a voice of their locale). Otherwise the render would
 * quietly show a stand-in or speak with a fallback voice, so the job is refused with a 400 that
 * names the field and lists what there is.
 */
export async function checkCast(db: Db, workspaceId: string, timeline: Timeline): Promise<void> {
  const actorTracks = timeline.scenes.flatMap((scene, si) =>
    scene.tracks.flatMap((track, ti) => (track.type === "actor" ? [{ track, path: `videoCreative.scenes[${si}].tracks[${ti}]` }] : [])),
  );
  if (!actorTracks.length) return;
  const cast = await db.select().from(characters).where(characterScope(workspaceId)).orderBy(desc(characters.createdAt), desc(characters.id));
  const actors = new Map(cast.map((c) => [actorIdOf(c.id), c]));
  const clonedVoices = cast.filter((c) => c.voiceStatus === "ready").map((c) => actorIdOf(c.id));

  for (const { track, path } of actorTracks) {
    if (!actors.has(track.actor)) {
      const names = cast.map((c) => `${actorIdOf(c.id)} (${c.name})`);
      throw new AppError(
        "bad_request",
        `${path}.actor: this workspace has no actor "${track.actor}"; ${available(names, "it has no characters yet")}`,
        `${path}.actor`,
      );
    }
    const speaker = track.speakerId;
    if (speaker && !clonedVoices.includes(speaker) && !voiceBySpeakerId(speaker)) {
      const names = [...clonedVoices, ...localVoices().map((v) => v.name)];
      throw new AppError("bad_request", `${path}.speakerId: there is no voice "${speaker}"; ${available(names, "no voices")}`, `${path}.speakerId`);
    }
  }
}
