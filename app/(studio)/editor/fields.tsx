"use client";

import { createContext, useContext, useId, type ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

// Native <select>s on purpose: they are the most keyboard- and phone-friendly picker there is.
const selectClass =
  "h-9 w-full min-w-0 rounded-md border border-input bg-transparent px-3 py-1 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50 dark:bg-input/30 [&>option]:bg-popover [&>option]:text-popover-foreground";

/**
 * A render refusal's message by the field it names (the API's field name: "text", "duration"),
 * for the scene or track on show: the field with that `name` shows it beneath itself.
 */
export const FieldErrors = createContext<Readonly<Record<string, string>>>({});

function useFieldError(name: string | undefined): string | undefined {
  const errors = useContext(FieldErrors);
  return name ? errors[name] : undefined;
}

/** The input's description: its error when it has one, else its hint. */
const describedBy = (id: string, hint: ReactNode, error: string | undefined) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("grid min-w-0 gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs break-words text-destructive">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  placeholder,
  type = "text",
  className,
  name,
}: {
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  hint?: ReactNode;
  placeholder?: string;
  type?: "text" | "url";
  className?: string;
  /** The API field it edits, to show a render refusal that names it. */
  name?: string;
}) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <Field id={id} error={error} label={label} hint={hint} className={className}>
      <Input
        id={id}
        type={type}
        value={value ?? ""}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  rows = 4,
  name,
}: {
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  hint?: ReactNode;
  rows?: number;
  /** The API field it edits, to show a render refusal that names it. */
  name?: string;
}) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <Field id={id} error={error} label={label} hint={hint}>
      <Textarea
        id={id}
        rows={rows}
        value={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** Empty input = undefined (the field is left out of the body). */
export function NumberField({
  label,
  value,
  onChange,
  hint,
  min,
  max,
  step,
  placeholder,
  className,
  name,
}: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  hint?: ReactNode;
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  className?: string;
  /** The API field it edits, to show a render refusal that names it. */
  name?: string;
}) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <Field id={id} error={error} label={label} hint={hint} className={className}>
      <Input
        id={id}
        type="number"
        inputMode={step && step < 1 ? "decimal" : "numeric"}
        min={min}
        max={max}
        step={step}
        placeholder={placeholder}
        value={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
    </Field>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  onChange,
  options,
  hint,
  emptyLabel,
  className,
  name,
}: {
  label: string;
  value: T | undefined;
  onChange: (v: T | undefined) => void;
  options: ReadonlyArray<{ value: T; label: string }>;
  hint?: ReactNode;
  /** When given, an empty first option that clears the field. */
  emptyLabel?: string;
  className?: string;
  /** The API field it edits, to show a render refusal that names it. */
  name?: string;
}) {
  const id = useId();
  const error = useFieldError(name);
  const known = value === undefined || options.some((o) => o.value === value);
  return (
    <Field id={id} error={error} label={label} hint={hint} className={className}>
      <select
        id={id}
        className={selectClass}
        value={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value === "" ? undefined : (e.target.value as T))}
      >
        {emptyLabel !== undefined || value === undefined ? <option value="">{emptyLabel ?? "Choose…"}</option> : null}
        {!known ? <option value={value}>{value} (not in the list)</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function ColorField({
  label,
  value,
  onChange,
  fallback,
}: {
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  fallback: string;
}) {
  const id = useId();
  return (
    <Field id={id} label={label}>
      <div className="flex gap-2">
        <input
          type="color"
          aria-label={`${label} picker`}
          value={/^#[0-9a-fA-F]{6}$/.test(value ?? "") ? value : fallback}
          onChange={(e) => onChange(e.target.value)}
          className="h-9 w-12 shrink-0 cursor-pointer rounded-md border border-input bg-transparent p-1"
        />
        <Input id={id} value={value ?? ""} placeholder={fallback} onChange={(e) => onChange(e.target.value)} className="font-mono" />
      </div>
    </Field>
  );
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-4 accent-primary" />
      <Label htmlFor={id}>{label}</Label>
    </div>
  );
}
