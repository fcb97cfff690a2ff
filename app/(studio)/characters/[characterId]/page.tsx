import { Clapperboard } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/studio/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { getCharacter } from "@/lib/characters/service";
import { toVoiceView } from "@/lib/characters/voice-view";
import { isAppError } from "@/lib/errors";
import { signedMediaPath } from "@/lib/storage/media";
import { CharacterForm } from "../character-form";
import { DeleteCharacterButton } from "./delete-character-button";
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
        }}
      />
      <div className="mt-6">
        <VoiceCard characterId={c.id} initial={toVoiceView(c)} />
      </div>
    </>
  );
}
