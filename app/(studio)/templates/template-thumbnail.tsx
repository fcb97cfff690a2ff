"use client";

import { parseImport } from "../editor/model";
import { ScenePreview } from "../editor/scene-preview";

/** A template's first scene drawn as the editor previews it (the same layout as its render). */
export function TemplateThumbnail({ videoCreative }: { videoCreative: Record<string, unknown> }) {
  let parsed;
  try {
    parsed = parseImport(JSON.stringify({ videoCreative }));
  } catch {
    return <div className="aspect-video rounded-md bg-muted" aria-hidden />;
  }
  const scene = parsed.creative.scenes[0];
  if (!scene) return <div className="aspect-video rounded-md bg-muted" aria-hidden />;
  return (
    <div className="pointer-events-none">
      <ScenePreview scene={scene} settings={parsed.creative.settings} characters={[]} variables={{}} small className="max-w-full" />
    </div>
  );
}
