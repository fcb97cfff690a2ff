"use client";

import { Loader2, Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { CsvSource } from "@/components/studio/csv-source";
import { NativeSelect } from "@/components/forms/native-select";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { platforms, type Platform, type PlatformDefaults } from "@/db/schema/characters";
import { BULK_CSV_MAX_BYTES, BULK_MAX_ROWS, parseBulkCsv, type BulkQuality } from "@/lib/validation/bulk";
import { avatarReservation } from "@/lib/videos/quote";
import { submitBulkAction } from "./actions";
import { BulkPreview } from "./bulk-preview";

interface CharacterChoice {
  id: number;
  name: string;
  hasPhoto: boolean;
  platformDefaults: Partial<Record<Platform, PlatformDefaults>>;
}

const EXAMPLE = "script,platform,voice_id,product\nMeet {product}: reels from a spreadsheet.,tiktok,,Cinetwin\nThree tips for better hooks.,instagram,en-US,\n";

/** Pick a character, bring a CSV, check every row in the preview, then submit the batch. */
export function BulkForm({ characters, balance }: { characters: CharacterChoice[]; balance: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [characterId, setCharacterId] = useState(characters[0]?.id);
  const [platform, setPlatform] = useState<Platform>("tiktok");
  const [quality, setQuality] = useState<BulkQuality>("final");
  const [csv, setCsv] = useState("");
  const character = characters.find((c) => c.id === characterId) ?? characters[0];
  const parsed = useMemo(() => (csv.trim() ? parseBulkCsv(csv, { defaultPlatform: platform }) : null), [csv, platform]);
  const credits = parsed?.rows.reduce((n, r) => n + avatarReservation(r.script, undefined, { draft: quality === "draft" }).credits, 0) ?? 0;
  const overLimit = (parsed?.rowCount ?? 0) > BULK_MAX_ROWS;
  const blocked = !parsed || overLimit || parsed.problems.length > 0 || parsed.rows.length === 0 || credits > balance;

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (blocked || !character) return;
    start(async () => {
      const res = await submitBulkAction({ characterId: character.id, platform, quality, csv });
      if (!res.ok) return void toast.error(res.error);
      toast.success(`${parsed.rows.length} reels queued`);
      setCsv("");
      router.push(`/bulk?batch=${res.data.batchId}`);
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>New batch</CardTitle>
        <CardDescription>
          Columns: <code>script</code>, <code>platform</code>, <code>voice_id</code> (blank cells take the batch&apos;s platform and the character&apos;s
          voice). Any other column fills <code>{"{column}"}</code> in the script. At most {BULK_MAX_ROWS} rows.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="characterId" label="Character" hint={character && !character.hasPhoto ? "No photo yet: reels show a placeholder" : undefined}>
              <NativeSelect id="characterId" value={character?.id} onChange={(e) => setCharacterId(Number(e.target.value))}>
                {characters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id="platform" label="Default platform">
              <NativeSelect id="platform" value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
                {platforms.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id="quality" label="Quality">
              <NativeSelect id="quality" value={quality} onChange={(e) => setQuality(e.target.value as BulkQuality)}>
                <option value="final">Final · 1080×1920</option>
                <option value="draft">Draft · 304×540, free</option>
              </NativeSelect>
            </Field>
          </div>
          <CsvSource
            id="csv"
            value={csv}
            onChange={setCsv}
            placeholder={EXAMPLE}
            rows={6}
            maxBytes={BULK_CSV_MAX_BYTES}
            tooLarge="That file is larger than 1 MB; a batch has at most 100 rows"
            actions={
              <Button type="button" variant="ghost" size="sm" onClick={() => setCsv(EXAMPLE)}>
                Use an example
              </Button>
            }
          />
          {parsed ? (
            <>
              {overLimit ? (
                <p role="alert" className="text-sm text-destructive">
                  This CSV has {parsed.rowCount} rows; a batch has at most {BULK_MAX_ROWS}. Split it in two.
                </p>
              ) : null}
              <BulkPreview parsed={parsed} platformDefaults={character?.platformDefaults ?? {}} />
            </>
          ) : null}
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {parsed
                ? `${parsed.rows.length} ready${parsed.problems.length ? `, ${new Set(parsed.problems.map((p) => p.row)).size} to fix` : ""} · about ${credits} credits reserved (balance ${balance})`
                : `Balance: ${balance} credits · reels cost 10 credits per second (drafts are free)`}
            </p>
            <Button type="submit" disabled={blocked || pending}>
              {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Send className="size-4" aria-hidden />}
              {parsed?.rows.length ? `Render ${parsed.rows.length} ${parsed.rows.length === 1 ? "reel" : "reels"}` : "Render reels"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
