import { desc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { projects, scenes } from "@/db/schema/projects";
import type { Principal } from "@/lib/auth/tokens";
import { storyCharacterOf } from "@/lib/characters/memory";
import { characterScope } from "@/lib/characters/scope";
import { providerFor, withOfflineFallback } from "@/lib/providers/settings";
import { getProject } from "./queries";

/** A structured summary to draft a project from: a title, a description and chapters to narrate. */
export interface KnowledgeDraftInput {
  summary: { title: string; description: string; chapters: Array<{ title: string; script: string; searchTerms?: string }> };
}

/**
 * Knowledge to draft: a proposed project with one scene per chapter. The chapter's script is the
 * narration; the story writer supplies the visuals (image and camera prompts) for the arc.
 */
export async function createDraftFromSummary(db: Db, p: Principal, input: KnowledgeDraftInput) {
  const { summary } = input;
  const [character] = await db.select().from(characters).where(characterScope(p.workspaceId)).orderBy(desc(characters.createdAt)).limit(1);
  const count = Math.max(2, summary.chapters.length);
  const request = {
    idea: [summary.title, summary.description].filter(Boolean).join(". ").padEnd(10, "."),
    numScenes: count,
    character: character ? await storyCharacterOf(db, character) : { name: "The presenter", description: "", persona: "", styleTags: [] },
  };
  const plans = await withOfflineFallback(
    await providerFor(db, p.workspaceId, "story"),
    (w) => w.proposeScenes(request),
    async (note) => console.warn(`[projects] draft story ${note}`),
  );
  const id = await db.transaction(async (tx) => {
    const [project] = await tx
      .insert(projects)
      .values({
        workspaceId: p.workspaceId,
        characterId: character?.id ?? null,
        title: summary.title,
        storyIdea: summary.description || summary.title,
        numScenes: summary.chapters.length,
        status: "proposed",
      })
      .returning({ id: projects.id });
    await tx.insert(scenes).values(
      summary.chapters.map((ch, i) => ({
        workspaceId: p.workspaceId,
        projectId: project.id,
        sceneNumber: i + 1,
        description: ch.title,
        imagePrompt: [ch.searchTerms, plans[i]?.imagePrompt].filter(Boolean).join(". ").slice(0, 1000),
        motionPrompt: plans[i]?.motionPrompt ?? "Slow push-in",
        narrationText: ch.script,
      })),
    );
    return project.id;
  });
  return getProject(db, { projectId: id, workspaceId: p.workspaceId });
}
