// TEMPORARY until the holoworld branch lands: replaced by its avatar box and price functions.
import type { Box, Frame } from "@/lib/composition/layout";
import type { AspectRatio, StudioScene } from "./model";

export const frameOf = (a: AspectRatio): Frame => (a === "1/1" ? { width: 1200, height: 1200 } : { width: 1080, height: 1920 });

export function avatarBoxOf(s: Pick<StudioScene, "x" | "y" | "scale">, f: Frame): Box {
  const height = f.height * 0.5 * s.scale;
  const width = height * 0.8;
  return { x: (s.x / 100) * f.width - width / 2, y: (s.y / 100) * f.height - height / 2, width, height };
}

export function priceOf(p: { withCaption: boolean; scenes: unknown[] }) {
  const n = p.scenes.length;
  return { credits: Math.round(n * (p.withCaption ? 40 : 30)) / 100, breakdown: `${n} × 0.3${p.withCaption ? " + captions" : ""}` };
}
