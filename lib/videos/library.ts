import { and, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bulkBatches, bulkRows } from "@/db/schema/bulk";
import { characters } from "@/db/schema/characters";
import { projects } from "@/db/schema/projects";
import { generatedVideos, videoJobs } from "@/db/schema/videos";
import type { VideoLibraryFilter, VideoLibraryKind } from "@/lib/validation/video-library";
import { actorIdOf } from "./engine";

/** A finished video as the Videos page lists it: what made it, whether it is a draft, and whose it is. */
export type LibraryVideo = typeof generatedVideos.$inferSelect & {
  kind: VideoLibraryKind;
  draft: boolean;
  characterId: number | null;
  characterName: string | null;
};

/** A final render with the draft renders of the same source (drafts with no final stand alone). */
export interface LibraryGroup {
  video: LibraryVideo;
  drafts: LibraryVideo[];
}

/** The first character a render job's timeline casts ("character-<id>"), as text. */
const jobActor = sql<string | null>`jsonb_path_query_first(${videoJobs.videoCreative}, '$.scenes[*].tracks[*] ? (@.type == "actor").actor') #>> '{}'`;

/**
 * Story videos come from a project; bulk reels from a CSV row's job; an avatar (or studio) render
 * is a character speaking; anything else is a timeline from the editor or the API.
 */
const kindOf = sql<VideoLibraryKind>`case
  when ${generatedVideos.projectId} is not null then 'story'
  when ${bulkRows.id} is not null then 'bulk'
  when ${videoJobs.kind} in ('avatar', 'studio') then 'avatar'
  else 'timeline' end`;

const castCharacter = sql<number | null>`case when ${jobActor} ~ '^character-[0-9]{1,9}$' then substring(${jobActor} from 11)::int end`;
const characterIdOf = sql<number | null>`coalesce(${projects.characterId}, ${bulkBatches.characterId}, ${castCharacter})`;

/** `%` and `_` in a search are letters, not wildcards. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterWhere(workspaceId: string, f: VideoLibraryFilter): SQL | undefined {
  const where: Array<SQL | undefined> = [eq(generatedVideos.workspaceId, workspaceId)];
  if (f.q) where.push(ilike(generatedVideos.name, likePattern(f.q)));
  if (f.kind) where.push(sql`${kindOf} = ${f.kind}`);
  if (f.character) {
    const actor = JSON.stringify({ a: actorIdOf(f.character) });
    where.push(
      or(
        eq(projects.characterId, f.character),
        eq(bulkBatches.characterId, f.character),
        and(
          isNull(generatedVideos.projectId),
          isNotNull(videoJobs.id),
          sql`jsonb_path_exists(${videoJobs.videoCreative}, '$.scenes[*].tracks[*] ? (@.actor == $a)', ${actor}::jsonb)`,
        ),
      ),
    );
  }
  return and(...where);
}

/**
 * The workspace's finished videos matching the filter, newest first: search by name, by kind and
 * by character, all in the query so a filtered page of 200 is 200 matches.
 */
export async function listLibraryVideos(db: Db, args: { workspaceId: string; filter: VideoLibraryFilter; limit?: number }): Promise<LibraryVideo[]> {
  const rows = await db
    .select({
      video: generatedVideos,
      kind: kindOf,
      draft: sql<boolean>`coalesce(${videoJobs.draft}, false)`,
      characterId: characterIdOf,
      characterName: characters.name,
    })
    .from(generatedVideos)
    .leftJoin(videoJobs, and(eq(videoJobs.id, generatedVideos.jobId), eq(videoJobs.workspaceId, generatedVideos.workspaceId)))
    .leftJoin(projects, and(eq(projects.id, generatedVideos.projectId), eq(projects.workspaceId, generatedVideos.workspaceId)))
    .leftJoin(bulkRows, and(eq(bulkRows.videoJobId, videoJobs.id), eq(bulkRows.workspaceId, generatedVideos.workspaceId)))
    .leftJoin(bulkBatches, eq(bulkBatches.id, bulkRows.batchId))
    .leftJoin(characters, and(eq(characters.id, characterIdOf), eq(characters.workspaceId, generatedVideos.workspaceId), isNull(characters.deletedAt)))
    .where(filterWhere(args.workspaceId, args.filter))
    .orderBy(desc(generatedVideos.createdAt), desc(generatedVideos.id))
    .limit(args.limit ?? 200);
  return rows.map((r) => ({ ...r.video, kind: r.kind, draft: r.draft, characterId: r.characterId, characterName: r.characterName }));
}

/** Drafts of one source share this: its project, or the timeline's name (what the editor saves it as). */
export const sourceKey = (v: Pick<LibraryVideo, "projectId" | "name">) => (v.projectId ? `project:${v.projectId}` : `name:${v.name.trim().toLowerCase()}`);

/**
 * Puts each draft under the newest final of the same source; a draft with no final in the list is
 * its own group. Keeps the list's order (newest first) by each group's final.
 */
export function groupDrafts(videos: LibraryVideo[]): LibraryGroup[] {
  const finals = new Map<string, LibraryGroup>();
  const groups: LibraryGroup[] = [];
  for (const v of videos) {
    if (v.draft) continue;
    const g = { video: v, drafts: [] };
    groups.push(g);
    if (!finals.has(sourceKey(v))) finals.set(sourceKey(v), g);
  }
  const loose: LibraryGroup[] = [];
  for (const v of videos) {
    if (!v.draft) continue;
    const g = finals.get(sourceKey(v));
    if (g) g.drafts.push(v);
    else loose.push({ video: v, drafts: [] });
  }
  const at = (g: LibraryGroup) => videos.indexOf(g.video);
  return [...groups, ...loose].sort((a, b) => at(a) - at(b));
}
