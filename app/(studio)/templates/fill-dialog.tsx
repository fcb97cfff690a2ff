"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertCircle, Download, Loader2, Send, Sheet } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { CsvSource } from "@/components/studio/csv-source";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { RowCheck } from "@/components/studio/row-check";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { BULK_CSV_MAX_BYTES, BULK_MAX_ROWS, previewRows } from "@/lib/validation/bulk";
import { parseTemplateCsv, templateCsvHeader } from "@/lib/validation/template-csv";
import { fillTemplateAction, quoteTemplateFillAction } from "./actions";

/** Preview rows shown; the rest are counted. */
const SHOWN = 20;

/**
 * Fill a template from a CSV: one column per {variable}, one video per row. The preview checks
 * every cell as the server will; the server then checks every row as a render and prices it
 * before anything is queued.
 */
export function FillFromCsvDialog({ templateId, name, variables, balance }: { templateId: string; name: string; variables: string[]; balance: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [csv, setCsv] = useState("");
  const [pending, start] = useTransition();
  const parsed = useMemo(() => (csv.trim() ? parseTemplateCsv(csv, variables) : null), [csv, variables]);
  const valid = !!parsed && parsed.problems.length === 0 && parsed.rows.length > 0;
  const quote = useQuery({
    queryKey: ["template-fill-quote", templateId, csv],
    enabled: open && valid,
    retry: false,
    staleTime: Infinity,
    queryFn: async () => {
      const res = await quoteTemplateFillAction({ templateId, csv });
      if (!res.ok) throw new Error(res.error);
      return res.data;
    },
  });
  const short = quote.data ? quote.data.credits > balance : false;
  const blocked = !valid || !quote.data || short || pending;
  const headerHref = `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsvHeader(variables))}`;

  function render() {
    start(async () => {
      const res = await fillTemplateAction({ templateId, csv });
      if (!res.ok) return void toast.error(res.error);
      toast.success(`${res.data.jobs} ${res.data.jobs === 1 ? "video" : "videos"} queued (${res.data.credits} credits reserved)`);
      setOpen(false);
      setCsv("");
      router.push("/videos");
    });
  }

  const { header, numbers, problemsByRow } = previewRows(parsed?.rows ?? [], parsed?.problems ?? []);
  const rows = new Map(parsed?.rows.map((r) => [r.row, r]));

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={variables.length === 0} title={variables.length ? undefined : "This template has no {variables} to fill"}>
          <Sheet aria-hidden /> Fill from CSV
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle className="break-words">Fill “{name}” from a CSV</DialogTitle>
          <DialogDescription>
            One video per row. The header names the variables: {variables.map((v) => `{${v}}`).join(", ")}. At most {BULK_MAX_ROWS} rows.
          </DialogDescription>
        </DialogHeader>
        <CsvSource
          id="templateCsv"
          value={csv}
          onChange={setCsv}
          placeholder={templateCsvHeader(variables)}
          rows={5}
          maxBytes={BULK_CSV_MAX_BYTES}
          tooLarge={`That file is larger than 1 MB; a fill has at most ${BULK_MAX_ROWS} rows`}
          actions={
            <Button asChild variant="ghost" size="sm">
              <a href={headerHref} download={`${name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "template"}.csv`}>
                <Download className="size-4" aria-hidden /> Download the header
              </a>
            </Button>
          }
        />
        {parsed ? (
          <div className="grid min-w-0 gap-2">
            {header ? (
              <p role="alert" className="flex items-start gap-2 text-sm text-destructive">
                <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden /> {header.join("; ")}
              </p>
            ) : null}
            {numbers.length ? (
              <div className="max-h-72 overflow-auto rounded-md border">
                <Table aria-label="CSV preview" className="table-fixed">
                  <TableHeader className="sticky top-0 bg-background">
                    <TableRow>
                      <TableHead className="w-12">Row</TableHead>
                      <TableHead>Values</TableHead>
                      <TableHead className="w-10">
                        <span className="sr-only">Check</span>
                      </TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {numbers.slice(0, SHOWN).map((n) => {
                      const row = rows.get(n);
                      const problems = problemsByRow.get(n);
                      return (
                        <TableRow key={n} data-state={problems ? "invalid" : "valid"} className={problems ? "bg-destructive/5" : undefined}>
                          <TableCell className="tabular-nums">{n}</TableCell>
                          <TableCell className="truncate text-xs whitespace-normal break-words">
                            {problems ? (
                              <span className="text-destructive">{problems.join("; ")}</span>
                            ) : (
                              variables.map((v) => `${v}: ${row?.values[v] ?? ""}`).join(" · ")
                            )}
                          </TableCell>
                          <TableCell>
                            <RowCheck ok={!problems} />
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              </div>
            ) : null}
            {numbers.length > SHOWN ? <p className="text-xs text-muted-foreground">and {numbers.length - SHOWN} more rows</p> : null}
          </div>
        ) : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="fill-status">
            {!parsed
              ? `Balance: ${balance} credits`
              : !valid
                ? `${parsed.rows.length} ready, ${new Set(parsed.problems.map((p) => p.row)).size} to fix`
                : quote.isFetching
                  ? "Checking every row…"
                  : quote.error
                    ? quote.error.message
                    : quote.data
                      ? `${quote.data.rows} ${quote.data.rows === 1 ? "video" : "videos"} · ${quote.data.credits} credits (balance ${balance})${short ? ": not enough credits" : ""}`
                      : ""}
          </p>
          <Button onClick={render} disabled={blocked}>
            {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Send className="size-4" aria-hidden />}
            {valid ? `Render ${parsed.rows.length} ${parsed.rows.length === 1 ? "video" : "videos"}` : "Render videos"}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
