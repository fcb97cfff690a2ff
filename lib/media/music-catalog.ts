/** The studio's built-in music beds, as pages and validation name them (the synthesis is in ./music.ts). */

export interface BuiltinTrack {
  id: string;
  name: string;
  mood: string;
}

export const BUILTIN_MUSIC: readonly BuiltinTrack[] = [
  { id: "calm", name: "Calm pads", mood: "slow, warm chords for stories and explainers" },
  { id: "bright", name: "Bright steps", mood: "an upbeat arpeggio for tips, demos and travel" },
  { id: "pulse", name: "Night pulse", mood: "a low, driving pulse for drama and reveals" },
];

/** A music source as a timeline's settings name it: `builtin:music/<id>`. */
export const builtinMusicSrc = (id: string) => `builtin:music/${id}`;

/** The id in a `builtin:music/<id>` source, or null for any other source. */
export function builtinMusicId(src: string): string | null {
  const m = /^builtin:music\/([a-z0-9-]+)$/.exec(src);
  return m && BUILTIN_MUSIC.some((t) => t.id === m[1]) ? m[1] : null;
}
