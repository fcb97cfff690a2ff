export interface CaptionCue {
  text: string;
  startMs: number;
  endMs: number;
}

/** SubRip (.srt) document for the cues; empty cues are skipped and numbering stays contiguous. */
export function toSrt(segments: CaptionCue[]): string {
  return usable(segments)
    .map((c, i) => `${i + 1}\n${stamp(c.startMs, ",")} --> ${stamp(c.endMs, ",")}\n${cueText(c.text)}\n`)
    .join("\n");
}

/** WebVTT (.vtt) document for the cues. */
export function toVtt(segments: CaptionCue[]): string {
  const cues = usable(segments).map((c) => `${stamp(c.startMs, ".")} --> ${stamp(c.endMs, ".")}\n${vttEscape(cueText(c.text))}\n`);
  return ["WEBVTT\n", ...cues].join("\n");
}

function usable(segments: CaptionCue[]): CaptionCue[] {
  return segments
    .filter((s) => s.text.trim() && s.endMs > s.startMs)
    .map((s) => ({ text: s.text, startMs: Math.max(0, Math.round(s.startMs)), endMs: Math.round(s.endMs) }));
}

/** A blank line ends a cue in both formats, so cue text may not contain one. */
function cueText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}

// VTT treats & and < as markup; "-->" inside text would be read as a timing line.
function vttEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function stamp(ms: number, sep: "," | "."): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const f = ms % 1000;
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(h)}:${p(m)}:${p(s)}${sep}${p(f, 3)}`;
}
