import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { localVoices } from "@/lib/providers/speech/voices";
import { signedMediaPath } from "@/lib/storage/media";
import { getTemplate } from "@/lib/videos/service";
import { getTimeline, listTimelines } from "@/lib/videos/timelines";
import type { CharacterOption, VoiceOption } from "./model";
import { VideoEditor } from "./video-editor";

export const metadata: Metadata = { title: "Video editor" };

export default async function EditorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const { timeline: timelineId, template: templateId } = await searchParams;
  const db = getDb();
  const saved = typeof timelineId === "string" ? await getTimeline(db, p.workspaceId, timelineId).catch(() => null) : null;
  if (typeof timelineId === "string" && !saved) notFound();
  // "Use" on a template: a new timeline starting from it (saved on the first change).
  const template = !saved && typeof templateId === "string" ? await getTemplate(db, { workspaceId: p.workspaceId, templateId }).catch(() => null) : null;
  if (typeof templateId === "string" && !saved && !template) notFound();
  const timelines = (await listTimelines(db, p.workspaceId)).map((t) => ({ id: t.id, name: t.name, scenes: t.scenes, updatedAt: t.updatedAt.toISOString() }));
  const rows = await listCharacters(db, { workspaceId: p.workspaceId, limit: 200 });
  const characters: CharacterOption[] = rows.map((c) => ({
    id: `character-${c.id}`,
    name: c.name,
    photoUrl: c.photoMediaId ? signedMediaPath(c.photoMediaId) : null,
  }));
  const voices: VoiceOption[] = localVoices().map((v) => ({ name: v.name, displayName: v.displayName }));
  // Not keyed by the timeline: the first autosave puts its id in the address, and the editor must
  // keep its state through that. Opening another timeline is a full page load (TimelinesDialog).
  return (
    <VideoEditor characters={characters} voices={voices} saved={saved ? { id: saved.id, name: saved.name, body: saved.body } : null} timelines={timelines} />
  );
}
