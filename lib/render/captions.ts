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

/** Cues of a SubRip document; malformed blocks are skipped. */
export function parseSrt(srt: string): CaptionCue[] {
  const time = (t: string) => {
    const m = /(\d+):(\d{2}):(\d{2})[,.](\d{1,3})/.exec(t);
    return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4].padEnd(3, "0")) : null;
  };
  return srt
    .replace(/\r/g, "")
    .split(/\n\s*\n/)
    .flatMap((block) => {
      const lines = block.split("\n").filter((l) => l.trim());
      const at = lines.findIndex((l) => l.includes("-->"));
      if (at < 0) return [];
      const [a, b] = lines[at].split("-->");
      const startMs = time(a);
      const endMs = time(b);
      const text = lines
        .slice(at + 1)
        .join("\n")
        .trim();
      return startMs !== null && endMs !== null && endMs > startMs && text ? [{ text, startMs, endMs }] : [];
    });
}
