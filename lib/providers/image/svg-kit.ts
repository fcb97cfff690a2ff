import type { SceneStyle } from "./scene-style";

/** Rounds to one decimal so the SVG stays small and byte-identical across runs. */
export const r = (n: number) => Math.round(n * 10) / 10;

export interface Ctx {
  w: number;
  h: number;
  rand: () => number;
  style: SceneStyle;
  /** The prompt, lower case, for small touches (a steep street, a road through the desert). */
  words: string;
}

/** A number between lo and hi from the picture's random stream. */
export const between = (ctx: Ctx, lo: number, hi: number) => lo + ctx.rand() * (hi - lo);
