import { AlertCircle } from "lucide-react";
import { RowCheck } from "@/components/studio/row-check";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Platform, PlatformDefaults } from "@/db/schema/characters";
import { captionPresetFor } from "@/lib/composition/caption-presets";
import { previewRows, type ParsedBulkCsv } from "@/lib/validation/bulk";

/** The CSV as it will be submitted: every valid row with its platform, voice and caption look, every refused cell by row and column. */
export function BulkPreview({ parsed, platformDefaults }: { parsed: ParsedBulkCsv; platformDefaults: Partial<Record<Platform, PlatformDefaults>> }) {
  const { header, numbers, problemsByRow } = previewRows(parsed.rows, parsed.problems);
  const rows = new Map(parsed.rows.map((r) => [r.row, r]));
  return (
    <div className="grid gap-2">
      {header ? (
        <p role="alert" className="flex items-start gap-2 text-sm text-destructive">
          <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden /> {header.join("; ")}
        </p>
      ) : null}
      <div className="max-h-96 overflow-auto rounded-md border">
        <Table aria-label="CSV preview" className="table-fixed">
          <TableHeader className="sticky top-0 bg-background">
            <TableRow>
              <TableHead className="w-12">Row</TableHead>
              <TableHead>Script</TableHead>
              <TableHead className="hidden w-24 sm:table-cell">Platform</TableHead>
              <TableHead className="hidden w-28 md:table-cell">Voice</TableHead>
              <TableHead className="hidden w-24 md:table-cell">Captions</TableHead>
              <TableHead className="w-10">
                <span className="sr-only">Check</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {numbers.map((n) => {
              const row = rows.get(n);
              const problems = problemsByRow.get(n);
              return (
                <TableRow key={n} data-state={problems ? "invalid" : "valid"} className={problems ? "bg-destructive/5" : undefined}>
                  <TableCell className="align-top tabular-nums">{n}</TableCell>
                  <TableCell className="align-top whitespace-normal">
                    {row ? <p className="line-clamp-2 break-words">{row.script}</p> : null}
                    {problems?.map((m) => (
                      <p key={m} className="text-xs break-words text-destructive">
                        {m}
                      </p>
                    ))}
                  </TableCell>
                  <TableCell className="hidden align-top sm:table-cell">{row?.platform ?? "—"}</TableCell>
                  <TableCell className="hidden align-top md:table-cell">{row ? (row.voiceId ?? "character's") : "—"}</TableCell>
                  <TableCell className="hidden align-top md:table-cell">{row ? captionPresetFor(row.platform, platformDefaults) : "—"}</TableCell>
                  <TableCell className="align-top">
                    <RowCheck ok={!problems} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
