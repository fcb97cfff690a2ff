"use client";

import { FileUp } from "lucide-react";
import type { ReactNode } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

/**
 * Where a CSV comes from: an uploaded file (refused above `maxBytes` with `tooLarge`) or text
 * pasted in; `actions` sit beside the upload button (an example, a header to download).
 */
export function CsvSource({
  id,
  value,
  onChange,
  placeholder,
  rows,
  maxBytes,
  tooLarge,
  actions,
}: {
  id: string;
  value: string;
  onChange: (csv: string) => void;
  placeholder: string;
  rows: number;
  maxBytes: number;
  tooLarge: string;
  actions?: ReactNode;
}) {
  async function onFile(file: File | undefined) {
    if (!file) return;
    if (file.size > maxBytes) return void toast.error(tooLarge);
    onChange(await file.text());
  }
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button asChild variant="outline" size="sm">
          <label htmlFor={`${id}File`} className="cursor-pointer focus-within:ring-[3px] focus-within:ring-ring/50">
            <FileUp className="size-4" aria-hidden /> Upload CSV
            <Input id={`${id}File`} type="file" accept=".csv,text/csv" className="sr-only" onChange={(e) => void onFile(e.target.files?.[0])} />
          </label>
        </Button>
        {actions}
      </div>
      <Field id={id} label="CSV" hint="Or paste it here.">
        <Textarea
          id={id}
          rows={rows}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          className="font-mono text-xs"
          spellCheck={false}
        />
      </Field>
    </div>
  );
}
