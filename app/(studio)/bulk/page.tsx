import { Layers } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listBulkBatches } from "@/lib/bulk/service";
import { listCharacters } from "@/lib/characters/service";
import { getBalance } from "@/lib/credits/ledger";
import { isUuid } from "@/lib/validation/ids";
import { BatchList } from "./batch-list";
import { BatchProgress } from "./batch-progress";
import { BulkForm } from "./bulk-form";

export const metadata: Metadata = { title: "Bulk reels" };

export default async function BulkPage({ searchParams }: { searchParams: Promise<{ batch?: string }> }) {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const [characters, batches, balance, { batch }] = await Promise.all([
    listCharacters(db, { workspaceId: p.workspaceId, limit: 200 }),
    listBulkBatches(db, { workspaceId: p.workspaceId, limit: 20 }),
    getBalance(db, p.workspaceId),
    searchParams,
  ]);
  const selected = batch && isUuid(batch) ? batch : null;
  return (
    <>
      <PageHeader
        title="Bulk reels"
        description="One vertical reel per CSV row: your character speaks each script, with captions burned in for its platform."
      />
      {characters.length === 0 ? (
        <EmptyState
          icon={Layers}
          title="Create a character first"
          action={
            <Button asChild>
              <Link href="/characters/new">New character</Link>
            </Button>
          }
        >
          Each reel shows a character speaking its row&apos;s script. Add one with a photo and a voice, then come back with your CSV.
        </EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="grid min-w-0 content-start gap-6">
            {selected ? <BatchProgress key={selected} batchId={selected} /> : null}
            <BulkForm
              characters={characters.map((c) => ({ id: c.id, name: c.name, hasPhoto: !!c.photoMediaId, platformDefaults: c.platformDefaults }))}
              balance={balance}
            />
          </div>
          <BatchList
            selected={selected}
            batches={batches.map((b) => ({
              id: b.batch.id,
              characterName: b.characterName,
              totalRows: b.batch.totalRows,
              createdAt: b.batch.createdAt.toISOString(),
              status: b.task?.status ?? "queued",
              partial: b.task?.result?.partial === true,
              progress: b.task?.progress ?? 0,
            }))}
          />
        </div>
      )}
    </>
  );
}
