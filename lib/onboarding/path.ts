import { and, count, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projects } from "@/db/schema/projects";
import { posts } from "@/db/schema/social";
import { generatedVideos } from "@/db/schema/videos";
import { characterScope } from "@/lib/characters/scope";
import { characters } from "@/db/schema/characters";

/** What the workspace has done so far, counted from its rows. */
export interface FirstRunState {
  characters: number;
  stories: number;
  approved: number;
  /** Finished story videos (or any finished video). */
  videos: number;
  posts: number;
  /** The newest proposed story, where "approve" is done. */
  proposedProjectId: number | null;
  /** The newest story video's project, for the "watch" link. */
  videoProjectId: number | null;
}

export type FirstRunStepId = "character" | "story" | "approve" | "video" | "schedule";

export interface FirstRunStep {
  id: FirstRunStepId;
  title: string;
  hint: string;
  href: string;
  done: boolean;
}

/**
 * The path from a new account to a scheduled video, each step done or not and linking to where it
 * is done. `complete` once every step is done: the dashboard then folds the path away.
 */
export function firstRunPath(s: FirstRunState): { steps: FirstRunStep[]; complete: boolean; next: FirstRunStepId | null } {
  const approveHref = s.proposedProjectId ? `/projects/${s.proposedProjectId}` : "/projects";
  const steps: FirstRunStep[] = [
    { id: "character", title: "Create a character", hint: "A photo, a name, a persona and a voice.", href: "/characters/new", done: s.characters > 0 },
    { id: "story", title: "Write a story", hint: "An idea becomes scenes you can edit.", href: "/projects/new", done: s.stories > 0 },
    { id: "approve", title: "Approve the scenes", hint: "Check the storyboard, then approve it.", href: approveHref, done: s.approved > 0 },
    {
      id: "video",
      title: "Watch your video",
      hint: "Scenes, narration and captions in one video.",
      href: s.videoProjectId ? `/projects/${s.videoProjectId}` : "/videos",
      done: s.videos > 0,
    },
    { id: "schedule", title: "Schedule a post", hint: "Put the video on your calendar.", href: "/calendar", done: s.posts > 0 },
  ];
  const next = steps.find((st) => !st.done)?.id ?? null;
  return { steps, complete: next === null, next };
}

/** Counts the rows behind the path, all scoped to the workspace. */
export async function loadFirstRunState(db: Db, workspaceId: string): Promise<FirstRunState> {
  const ws = eq(projects.workspaceId, workspaceId);
  const [[c], [st], [ap], [v], [po], [proposed], [withVideo]] = await Promise.all([
    db.select({ n: count() }).from(characters).where(characterScope(workspaceId)),
    db.select({ n: count() }).from(projects).where(ws),
    db
      .select({ n: count() })
      .from(projects)
      .where(and(ws, or(isNotNull(projects.approvedAt), inArray(projects.status, ["generating", "completed"])))),
    db.select({ n: count() }).from(generatedVideos).where(eq(generatedVideos.workspaceId, workspaceId)),
    db.select({ n: count() }).from(posts).where(eq(posts.workspaceId, workspaceId)),
    db
      .select({ id: projects.id })
      .from(projects)
      .where(and(ws, eq(projects.status, "proposed")))
      .orderBy(desc(projects.createdAt))
      .limit(1),
    db
      .select({ id: generatedVideos.projectId })
      .from(generatedVideos)
      .where(and(eq(generatedVideos.workspaceId, workspaceId), isNotNull(generatedVideos.projectId)))
      .orderBy(desc(generatedVideos.createdAt))
      .limit(1),
  ]);
  return {
    characters: c.n,
    stories: st.n,
    approved: ap.n,
    videos: v.n,
    posts: po.n,
    proposedProjectId: proposed?.id ?? null,
    videoProjectId: withVideo?.id ?? null,
  };
}
