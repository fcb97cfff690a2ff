"use client";

import { Braces } from "lucide-react";
import { useState } from "react";
import { CheckboxField, ColorField, NumberField, SelectField, TextField } from "./fields";
import { type EditorSettings, SIZE_PRESETS } from "./model";

type PresetId = (typeof SIZE_PRESETS)[number]["id"] | "custom";

export function SettingsPanel({ settings, onChange }: { settings: EditorSettings; onChange: (patch: Partial<EditorSettings>) => void }) {
  const { width, height } = settings.videoSize;
  const [custom, setCustom] = useState(false);
  const preset: PresetId = custom ? "custom" : (SIZE_PRESETS.find((p) => p.width === width && p.height === height)?.id ?? "custom");
  return (
    <form className="grid gap-4" aria-label="Video settings" onSubmit={(e) => e.preventDefault()}>
      <TextField label="Video name" value={settings.name} onChange={(v) => onChange({ name: v })} />
      <SelectField<PresetId>
        label="Size"
        value={preset}
        onChange={(v) => {
          const p = SIZE_PRESETS.find((s) => s.id === v);
          setCustom(!p);
          if (p) onChange({ videoSize: { width: p.width, height: p.height } });
        }}
        options={[...SIZE_PRESETS.map((p) => ({ value: p.id, label: `${p.id} · ${p.width}×${p.height}` })), { value: "custom" as const, label: "Custom" }]}
      />
      <div className="grid grid-cols-2 gap-3">
        <NumberField label="Video width (px)" value={width} onChange={(v) => onChange({ videoSize: { width: v ?? 0, height } })} min={16} max={3840} step={2} />
        <NumberField
          label="Video height (px)"
          value={height}
          onChange={(v) => onChange({ videoSize: { width, height: v ?? 0 } })}
          min={16}
          max={3840}
          step={2}
        />
      </div>
      <p className="-mt-2 text-xs text-muted-foreground">Even numbers, at most 3840×2160 in total.</p>
      <ColorField
        label="Background colour"
        value={settings.backgroundColor}
        onChange={(v) => onChange({ backgroundColor: v || undefined })}
        fallback="#000000"
      />
      <CheckboxField
        label="Alpha channel (accepted; MP4 output is flattened onto the background)"
        checked={!!settings.alphaChannel}
        onChange={(v) => onChange({ alphaChannel: v || undefined })}
      />
    </form>
  );
}

export function VariablesPanel({
  names,
  values,
  onChange,
}: {
  names: string[];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
}) {
  if (names.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">
        <Braces className="size-6" aria-hidden />
        <p>
          No template variables. Write <code className="font-mono">{"{name}"}</code> in an actor script or a text track to make this video a template.
        </p>
      </div>
    );
  }
  return (
    <form className="grid gap-3" aria-label="Template variables" onSubmit={(e) => e.preventDefault()}>
      <p className="text-xs text-muted-foreground">Values sent as dynamicVariables when rendering; templates keep the placeholders.</p>
      {names.map((n) => (
        <TextField key={n} label={`{${n}}`} value={values[n]} onChange={(v) => onChange(n, v)} placeholder={`Value for ${n}`} />
      ))}
    </form>
  );
}
