import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { localVoices } from "@/lib/providers/speech/voices";
import { signedMediaPath } from "@/lib/storage/media";
import type { CharacterOption, VoiceOption } from "./model";
import { VideoEditor } from "./video-editor";

export const metadata: Metadata = { title: "Video editor" };

export default async function EditorPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const rows = await listCharacters(getDb(), { workspaceId: p.workspaceId, limit: 200 });
  const characters: CharacterOption[] = rows.map((c) => ({
    id: `character-${c.id}`,
    name: c.name,
    photoUrl: c.photoMediaId ? signedMediaPath(c.photoMediaId) : null,
  }));
  const voices: VoiceOption[] = localVoices().map((v) => ({ name: v.name, displayName: v.displayName }));
  return <VideoEditor characters={characters} voices={voices} />;
}
