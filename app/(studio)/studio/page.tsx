import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/studio/page-header";
import { getDb, type Db } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { getBalance } from "@/lib/credits/ledger";
import { imageThumbnail } from "@/lib/library/thumbnail";
import { signedMediaPath } from "@/lib/storage/media";
import { builtinBackgroundMedia } from "@/lib/studio-render/builtins";
import { listStudioBackgrounds } from "@/lib/studio-render/service";
import type { StudioCharacter } from "./character-picker";
import type { StudioBackground } from "./model";
import { StudioBuilder } from "./studio-builder";
import type { StudioClip } from "./video-settings";

export const metadata: Metadata = { title: "Studio" };

/**
 * The built-in gallery with pictures to show: each background is the workspace's stored copy, the
 * same file a render of it uses (made once per data directory, stored on first use).
 */
async function gallery(db: Db, workspaceId: string): Promise<{ backgrounds: StudioBackground[]; clips: StudioClip[] }> {
  const { backgrounds, clips } = listStudioBackgrounds();
  const shown: StudioBackground[] = [];
  // One after the other: a first visit paints them, and two cores are shared with renders.
  for (const b of backgrounds) {
    const row = await builtinBackgroundMedia(db, workspaceId, b);
    const thumb = await imageThumbnail(db, row);
    shown.push({ source: b.source, label: b.name, aspectRatio: b.aspectRatio, previewUrl: signedMediaPath(row.id), thumbUrl: signedMediaPath(thumb) });
  }
  return { backgrounds: shown, clips: clips.map((c) => ({ source: c.source, name: c.name, default: c.default })) };
}

export default async function StudioPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const [rows, balance, builtins] = await Promise.all([
    listCharacters(db, { workspaceId: p.workspaceId, limit: 200 }),
    getBalance(db, p.workspaceId),
    gallery(db, p.workspaceId),
  ]);
  const characters: StudioCharacter[] = rows.map((c) => ({
    id: c.id,
    name: c.name,
    photoUrl: c.photoMediaId ? signedMediaPath(c.photoMediaId) : null,
    photoVersion: c.photoMediaId,
  }));
  return (
    <>
      <PageHeader title="Studio" description="A short video in up to five scenes: your character speaks each line in front of a background you choose." />
      <StudioBuilder characters={characters} gallery={builtins.backgrounds} clips={builtins.clips} balance={balance} />
    </>
  );
}
