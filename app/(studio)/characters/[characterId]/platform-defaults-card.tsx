"use client";

import { Loader2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { NativeSelect } from "@/components/forms/native-select";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import type { Platform, PlatformDefaults } from "@/db/schema/characters";
import { formText } from "@/lib/validation/form-data";
import { updatePlatformDefaultsAction } from "../actions";

const LABELS: Record<Platform, string> = { instagram: "Instagram", tiktok: "TikTok", linkedin: "LinkedIn", youtube: "YouTube" };
const STYLES = ["short", "hashtag-heavy", "professional", "storytelling", "question hook"];

/** "#ai, creators  tips" -> ["ai", "creators", "tips"]. */
const parseHashtags = (raw: string) =>
  raw
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, "").trim())
    .filter(Boolean);

function readPlatform(form: FormData, p: Platform): PlatformDefaults | null {
  const captionStyle = formText(form, `${p}.captionStyle`).trim();
  const hashtags = parseHashtags(formText(form, `${p}.hashtags`));
  const aspectRatio = formText(form, `${p}.aspectRatio`);
  const out: PlatformDefaults = {
    ...(captionStyle ? { captionStyle } : {}),
    ...(hashtags.length ? { hashtags } : {}),
    ...(aspectRatio ? { aspectRatio } : {}),
  };
  return Object.keys(out).length ? out : null;
}

/** "platformDefaults.tiktok.hashtags.2" -> "tiktok.hashtags": the field an error belongs under. */
function errorsByField(fieldErrors: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fieldErrors ?? {})) {
    const [, platform, field] = key.split(".");
    if (platform && field) out[`${platform}.${field}`] ??= message;
  }
  return out;
}

export function PlatformDefaultsCard(props: {
  characterId: number;
  platforms: readonly Platform[];
  aspectRatios: readonly string[];
  initial: Partial<Record<Platform, PlatformDefaults>>;
}) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const platformDefaults = Object.fromEntries(
      props.platforms.flatMap((p) => {
        const settings = readPlatform(form, p);
        return settings ? [[p, settings]] : [];
      }),
    );
    startTransition(async () => {
      const res = await updatePlatformDefaultsAction({ characterId: props.characterId, platformDefaults });
      if (!res.ok) {
        setErrors(errorsByField(res.fieldErrors));
        toast.error(res.error);
        return;
      }
      setErrors({});
      toast.success("Platform defaults saved");
    });
  }

  return (
    <Card role="region" aria-labelledby="platform-defaults-title">
      <CardHeader>
        <CardTitle id="platform-defaults-title" role="heading" aria-level={2}>
          Platform defaults
        </CardTitle>
        <CardDescription>How this character&apos;s content is dressed for each platform. Leave a platform empty to use no defaults there.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-6">
          <datalist id="caption-styles">
            {STYLES.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <div className="grid gap-4 md:grid-cols-2">
            {props.platforms.map((p) => (
              <PlatformFieldset key={p} platform={p} aspectRatios={props.aspectRatios} initial={props.initial[p]} errors={errors} />
            ))}
          </div>
          <div className="flex justify-end">
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2 className="size-4 animate-spin" /> : null}
              Save platform defaults
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function PlatformFieldset({
  platform: p,
  aspectRatios,
  initial,
  errors,
}: {
  platform: Platform;
  aspectRatios: readonly string[];
  initial?: PlatformDefaults;
  errors: Record<string, string>;
}) {
  const id = (field: string) => `${p}-${field}`;
  const described = (field: string) => (errors[`${p}.${field}`] ? `${id(field)}-error` : `${id(field)}-hint`);
  return (
    <fieldset className="grid gap-3 rounded-lg border p-4">
      <legend className="px-1 text-sm font-medium">{LABELS[p]}</legend>
      <Field id={id("captionStyle")} label="Caption style" error={errors[`${p}.captionStyle`]} hint="e.g. short, hashtag-heavy">
        <Input
          id={id("captionStyle")}
          name={`${p}.captionStyle`}
          list="caption-styles"
          defaultValue={initial?.captionStyle ?? ""}
          maxLength={40}
          aria-invalid={!!errors[`${p}.captionStyle`]}
          aria-describedby={described("captionStyle")}
        />
      </Field>
      <Field id={id("hashtags")} label="Hashtags" error={errors[`${p}.hashtags`]} hint="Separated by spaces or commas; # optional">
        <Input
          id={id("hashtags")}
          name={`${p}.hashtags`}
          defaultValue={(initial?.hashtags ?? []).map((t) => `#${t}`).join(" ")}
          aria-invalid={!!errors[`${p}.hashtags`]}
          aria-describedby={described("hashtags")}
        />
      </Field>
      <Field id={id("aspectRatio")} label="Aspect ratio" error={errors[`${p}.aspectRatio`]}>
        <NativeSelect id={id("aspectRatio")} name={`${p}.aspectRatio`} defaultValue={initial?.aspectRatio ?? ""} aria-invalid={!!errors[`${p}.aspectRatio`]}>
          <option value="">No default</option>
          {aspectRatios.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </NativeSelect>
      </Field>
    </fieldset>
  );
}
