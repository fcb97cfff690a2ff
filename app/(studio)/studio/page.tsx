import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/studio/page-header";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { getBalance } from "@/lib/credits/ledger";
import { signedMediaPath } from "@/lib/storage/media";
import type { StudioCharacter } from "./character-picker";
import { StudioBuilder } from "./studio-builder";

export const metadata: Metadata = { title: "Studio" };

export default async function StudioPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const [rows, balance] = await Promise.all([listCharacters(db, { workspaceId: p.workspaceId, limit: 200 }), getBalance(db, p.workspaceId)]);
  const characters: StudioCharacter[] = rows.map((c) => ({
    id: String(c.id),
    name: c.name,
    photoUrl: c.photoMediaId ? signedMediaPath(c.photoMediaId) : null,
  }));
  return (
    <>
      <PageHeader title="Studio" description="A short video in up to five scenes: your character speaks each line in front of a background you choose." />
      <StudioBuilder characters={characters} gallery={[]} balance={balance} />
    </>
  );
}
