import { UsersRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { listLibrary } from "@/lib/library/service";
import { NewStoryForm } from "./new-story-form";

export const metadata: Metadata = { title: "New story" };

export default async function NewStoryPage({ searchParams }: { searchParams: Promise<{ character?: string }> }) {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const [characters, sounds] = await Promise.all([listCharacters(getDb(), { workspaceId: p.workspaceId }), listLibrary(getDb(), p.workspaceId, "audio")]);
  const { character } = await searchParams;
  return (
    <>
      <PageHeader title="New story" description="Describe the idea; the story writer proposes scenes you can edit before anything is generated." />
      {characters.length === 0 ? (
        <EmptyState
          icon={UsersRound}
          title="Create a character first"
          action={
            <Button asChild>
              <Link href="/characters/new">New character</Link>
            </Button>
          }
        >
          Every story stars one of your characters.
        </EmptyState>
      ) : (
        <NewStoryForm
          characters={characters.map((c) => ({ id: c.id, name: c.name }))}
          defaultCharacterId={character ? Number(character) : undefined}
          sounds={sounds.map((s) => ({ id: s.id, name: s.name, url: s.url }))}
        />
      )}
    </>
  );
}
