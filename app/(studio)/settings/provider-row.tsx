"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { NativeSelect } from "@/components/forms/native-select";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import type { ProviderSettingView } from "@/lib/providers/settings-store";
import { capabilityNames, capabilityVendors, vendorNames, vendorsWithBaseUrl, type VendorId } from "@/lib/validation/provider-settings";
import { resetProviderSettingAction, saveProviderSettingAction, testProviderConnectionAction } from "./actions";

/** What a vendor uses when no model is named, shown as the model field's placeholder. */
const DEFAULT_MODELS: Partial<Record<string, string>> = {
  "story/openai": "gpt-4o-mini",
  "image/openai": "gpt-image-1",
  "image/fal": "fal-ai/flux/dev",
  "speech/openai": "gpt-4o-mini-tts",
  "speech/elevenlabs": "eleven_multilingual_v2",
  "transcription/openai": "whisper-1",
  "talking-head/fal": "veed/fabric-1.0",
  "upscale/replicate": "lucataco/real-esrgan-video",
};

type Errors = Partial<Record<"providerId" | "model" | "baseUrl" | "apiKey", string>>;

/** One capability: its provider in use at a glance, and a form to choose another. */
export function ProviderRow({ setting }: { setting: ProviderSettingView }) {
  const { capability, saved } = setting;
  const name = capabilityNames[capability];
  const [open, setOpen] = useState(false);
  return (
    <li className="grid gap-3 p-3 sm:px-4" data-testid={`provider-${capability}`}>
      <div className="flex flex-wrap items-center gap-2">
        <p className="min-w-0 flex-1 font-medium">{name}</p>
        <Badge variant={setting.effectiveId === "local" ? "secondary" : "default"}>
          {setting.effectiveId === "local" ? "Offline" : (vendorNames[setting.effectiveId as VendorId] ?? setting.effectiveId)}
        </Badge>
        {saved?.fallbackToOffline ? <Badge variant="outline">Offline fallback</Badge> : null}
        <span className="text-xs text-muted-foreground">
          {setting.source === "workspace" ? "Your setting" : setting.source === "env" ? "Server default" : "Default"}
        </span>
        <Button variant="outline" size="sm" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label={`Edit ${name} provider`}>
          {open ? "Close" : "Edit"}
        </Button>
      </div>
      {open ? <ProviderForm setting={setting} onDone={() => setOpen(false)} /> : null}
    </li>
  );
}

function ProviderForm({ setting, onDone }: { setting: ProviderSettingView; onDone: () => void }) {
  const { capability, saved } = setting;
  const router = useRouter();
  const [pending, start] = useTransition();
  const [providerId, setProviderId] = useState<VendorId>((saved?.providerId ?? setting.envId) as VendorId);
  const [model, setModel] = useState(saved?.model ?? "");
  const [baseUrl, setBaseUrl] = useState(saved?.baseUrl ?? "");
  const [apiKey, setApiKey] = useState("");
  const [replacing, setReplacing] = useState(!saved?.keyLast4);
  const [removeKey, setRemoveKey] = useState(false);
  const [fallback, setFallback] = useState(saved?.fallbackToOffline ?? false);
  const [errors, setErrors] = useState<Errors>({});
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string } | null>(null);
  const id = (f: string) => `${capability}-${f}`;
  const isLocal = providerId === "local";

  // Updates after an await leave the action's transition, so the form would close on the row's old
  // badge; closing inside a transition with the refresh shows the saved provider as the form goes.
  function closeWhenRefreshed() {
    start(() => {
      router.refresh();
      onDone();
    });
  }

  function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const res = await saveProviderSettingAction({
        capability,
        providerId,
        model,
        baseUrl,
        apiKey: replacing ? apiKey : undefined,
        removeKey,
        fallbackToOffline: fallback,
      });
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        return void toast.error(res.error);
      }
      setErrors({});
      setApiKey("");
      toast.success(`${capabilityNames[capability]} provider saved`);
      closeWhenRefreshed();
    });
  }

  function reset() {
    start(async () => {
      const res = await resetProviderSettingAction({ capability });
      if (!res.ok) return void toast.error(res.error);
      toast.success(`${capabilityNames[capability]} uses the server default again`);
      closeWhenRefreshed();
    });
  }

  function test() {
    start(async () => {
      const res = await testProviderConnectionAction({ capability });
      setTestResult(res.ok ? res.data : { ok: false, message: res.error });
    });
  }

  return (
    <form onSubmit={save} className="grid gap-3 rounded-md border bg-muted/30 p-3" aria-label={`${capabilityNames[capability]} provider`}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("provider")} label="Provider" error={errors.providerId}>
          <NativeSelect id={id("provider")} value={providerId} onChange={(e) => setProviderId(e.target.value as VendorId)}>
            {capabilityVendors[capability].map((v) => (
              <option key={v} value={v}>
                {vendorNames[v]}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {!isLocal ? (
          <Field id={id("model")} label="Model" error={errors.model} hint="Empty: the default shown">
            <Input
              id={id("model")}
              value={model}
              onChange={(e) => setModel(e.target.value)}
              placeholder={DEFAULT_MODELS[`${capability}/${providerId}`] ?? "provider default"}
            />
          </Field>
        ) : null}
        {vendorsWithBaseUrl.includes(providerId) ? (
          <Field id={id("base-url")} label="Base URL" error={errors.baseUrl} hint="Empty: the server's address for this provider">
            <Input
              id={id("base-url")}
              type="url"
              inputMode="url"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              placeholder="https://api.openai.com/v1"
            />
          </Field>
        ) : null}
        {!isLocal && providerId !== "comfyui" ? keyField() : null}
      </div>
      {!isLocal ? (
        <div className="flex items-center gap-2">
          <Switch id={id("fallback")} checked={fallback} onCheckedChange={setFallback} />
          <Label htmlFor={id("fallback")}>Offline fallback: when {vendorNames[providerId]} fails, make it locally and say so on the scene</Label>
        </div>
      ) : null}
      {testResult ? (
        <p role="status" className={testResult.ok ? "text-sm text-emerald-700 dark:text-emerald-400" : "text-sm break-words text-destructive"}>
          {testResult.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null} Save
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={test} disabled={pending}>
          Test saved connection
        </Button>
        {saved ? (
          <Button type="button" size="sm" variant="ghost" onClick={reset} disabled={pending}>
            Use server default
          </Button>
        ) : null}
      </div>
    </form>
  );

  // Called, not rendered as a component: a component defined here would remount and drop the focus on each key.
  function keyField() {
    if (saved?.keyLast4 && !replacing && !removeKey)
      return (
        <div className="grid gap-1.5">
          <Label>API key</Label>
          <div className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-sm" data-testid={`${capability}-key`}>
              ••••{saved.keyLast4}
            </code>
            <Button type="button" size="sm" variant="outline" onClick={() => setReplacing(true)}>
              Replace
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setRemoveKey(true)}>
              Remove
            </Button>
          </div>
        </div>
      );
    return (
      <Field
        id={id("api-key")}
        label="API key"
        error={errors.apiKey}
        hint={removeKey ? "The stored key is removed when you save" : "Stored encrypted; never shown again"}
      >
        <Input id={id("api-key")} type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
      </Field>
    );
  }
}
