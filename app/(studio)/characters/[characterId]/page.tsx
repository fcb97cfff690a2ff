import { Clapperboard } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/studio/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { platforms } from "@/db/schema/characters";
import { listMemoryNotes } from "@/lib/characters/memory";
import { getCharacter } from "@/lib/characters/service";
import { VIDEO_SIZE_PRESETS } from "@/lib/composition/timeline";
import { MAX_MEMORY_NOTES } from "@/lib/validation/characters";
import { toVoiceView } from "@/lib/characters/voice-view";
import { isAppError } from "@/lib/errors";
import { signedMediaPath } from "@/lib/storage/media";
import { CharacterForm } from "../character-form";
import { DeleteCharacterButton } from "./delete-character-button";
import { MemoryCard } from "./memory-card";
import { PlatformDefaultsCard } from "./platform-defaults-card";
import { VoiceCard } from "./voice-card";

export const metadata: Metadata = { title: "Character" };

export default async function CharacterPage({ params }: { params: Promise<{ characterId: string }> }) {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const { characterId } = await params;
  if (!/^\d{1,9}$/.test(characterId)) notFound();
  const c = await getCharacter(getDb(), { characterId: Number(characterId), workspaceId: p.workspaceId }).catch((e) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });
  const notes = await listMemoryNotes(getDb(), { workspaceId: p.workspaceId, characterId: c.id });
  return (
    <>
      <PageHeader
        title={c.name}
        description={c.description || "Character"}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href={`/projects/new?character=${c.id}`}>
                <Clapperboard className="size-4" /> New story
              </Link>
            </Button>
            <DeleteCharacterButton id={c.id} name={c.name} />
          </>
        }
      />
      <CharacterForm
        initial={{
          id: c.id,
          name: c.name,
          description: c.description,
          persona: c.persona,
          styleTags: c.styleTags,
          photoUrl: c.photoMediaId ? signedMediaPath(c.photoMediaId) : null,
          voiceId: c.voiceId,
        }}
      />
      <div className="mt-6 grid gap-6">
        <VoiceCard characterId={c.id} voiceId={c.voiceId} initial={toVoiceView(c)} />
        <PlatformDefaultsCard characterId={c.id} platforms={platforms} aspectRatios={Object.keys(VIDEO_SIZE_PRESETS)} initial={c.platformDefaults} />
        <MemoryCard characterId={c.id} namespace={`twin_${c.publicId}`} max={MAX_MEMORY_NOTES} initial={notes.map((n) => ({ id: n.id, note: n.note }))} />
      </div>
    </>
  );
}
