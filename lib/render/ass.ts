import type { CaptionPreset } from "@/lib/composition/timeline";

export type CaptionPosition = "bottom" | "center" | "top";

/** A word and when it is spoken (ms, same clock as its event). */
export interface AssWord {
  text: string;
  startMs: number;
  endMs: number;
}

/** A line of text shown from startMs to endMs (scene-relative): a caption in one of the presets, or a title. */
export interface AssEvent {
  text: string;
  startMs: number;
  endMs: number;
  style: "caption-bottom" | "caption-center" | "caption-top" | "title";
  /** Captions only: the look (default "plain"). */
  preset?: CaptionPreset;
  /** Captions only: when each word is spoken; the highlight look spreads the line by characters without them. */
  words?: AssWord[];
  fontSize?: number;
  /** #rrggbb */
  color?: string;
}

export const ASS_FONT = "DejaVu Sans";
/** The spoken word's colour in the highlight look (#ffd60a, a warm yellow that reads on any footage). */
export const HIGHLIGHT_COLOR = "#ffd60a";
/** Words on one line of the highlight look: a vertical reel's narrow frame reads a few at a time. */
export const HIGHLIGHT_WORDS_PER_LINE = 3;

/**
 * User text made literal for libass: "{" would open an override block and "\N" would break the
 * line, so braces are escaped and every backslash is followed by an invisible word joiner.
 * Line breaks become ASS's own "\N".
 */
export function escapeAssText(text: string): string {
  return text
    .replace(/\\/g, "\\\u2060")
    .replace(/[{}]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, "\\N");
}

const ALIGN: Record<CaptionPosition, number> = { bottom: 2, center: 5, top: 8 };
const positionOf = (style: AssEvent["style"]): CaptionPosition => (style === "caption-center" ? "center" : style === "caption-top" ? "top" : "bottom");

interface StyleSpec {
  name: string;
  size: number;
  bold: boolean;
  align: number;
  /** 1: outline + shadow; 3: an opaque box behind the text. */
  borderStyle: 1 | 3;
  outline: number;
  shadow: number;
  outlineColour: string;
  backColour: string;
  marginV: number;
}

/**
 * The three caption looks (see CAPTION_PRESETS). plain: white text with a dark outline. boxed:
 * the text on a translucent dark box (BorderStyle 3 draws the box in the outline colour; alpha
 * 0x60 leaves about 60% of the box opaque). highlight: larger bold text with a heavy outline,
 * a little higher up, as reels caption.
 */
function captionStyle(preset: CaptionPreset, position: CaptionPosition, base: number, height: number): StyleSpec {
  const outline = Math.max(1, Math.round(base / 14));
  const marginV = Math.round(height * (preset === "highlight" && position === "bottom" ? 0.16 : 0.07));
  const common = { name: styleName(preset, position), align: ALIGN[position], marginV };
  if (preset === "boxed")
    return {
      ...common,
      size: base,
      bold: false,
      borderStyle: 3,
      outline: Math.max(2, Math.round(base / 4)),
      shadow: 0,
      outlineColour: "&H60000000",
      backColour: "&H60000000",
    };
  if (preset === "highlight")
    return {
      ...common,
      size: Math.round(base * 1.3),
      bold: true,
      borderStyle: 1,
      outline: outline * 2,
      shadow: outline,
      outlineColour: "&H00000000",
      backColour: "&H80000000",
    };
  return {
    ...common,
    size: base,
    bold: true,
    borderStyle: 1,
    outline,
    shadow: Math.max(1, Math.round(outline / 2)),
    outlineColour: "&H00101010",
    backColour: "&H99000000",
  };
}

const styleName = (preset: CaptionPreset, position: CaptionPosition) => (preset === "plain" ? `caption-${position}` : `${preset}-${position}`);

function styleLine(s: StyleSpec, margin: number): string {
  return `Style: ${s.name},${ASS_FONT},${s.size},&H00FFFFFF,&H00FFFFFF,${s.outlineColour},${s.backColour},${s.bold ? -1 : 0},0,0,0,100,100,0,0,${s.borderStyle},${s.outline},${s.shadow},${s.align},${margin},${margin},${s.marginV},1`;
}

/**
 * A complete .ass document sized to the video (PlayRes = pixels, so font sizes are pixels).
 * libass wraps long lines and draws outlines and boxes, which drawtext in ffmpeg 5.1 cannot do. Pure.
 */
export function buildAssSubtitles(width: number, height: number, events: AssEvent[]): string {
  const base = Math.max(12, Math.round(height * 0.055));
  const margin = Math.round(width * 0.08);
  const usable = events.filter((e) => e.text.trim() && e.endMs > e.startMs);
  const styles = new Map<string, StyleSpec>();
  for (const preset of ["plain", ...usable.map((e) => e.preset ?? "plain")] as CaptionPreset[]) {
    for (const position of ["bottom", "center", "top"] as const) {
      const s = captionStyle(preset, position, base, height);
      styles.set(s.name, s);
    }
  }
  const title = { ...captionStyle("plain", "center", base, height), name: "title", size: Math.round(base * 1.8) };
  const lines = usable.flatMap((e) => (e.style === "title" ? [dialogue(e, "title", e.text)] : captionLines(e)));
  return [
    "[Script Info]",
    "ScriptType: v4.00+",
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    "WrapStyle: 0",
    "ScaledBorderAndShadow: yes",
    "",
    "[V4+ Styles]",
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
    ...[...styles.values(), title].map((s) => styleLine(s, margin)),
    "",
    "[Events]",
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ...lines,
    "",
  ].join("\n");
}

function overridesOf(e: AssEvent): string {
  const o = [e.fontSize ? `\\fs${Math.round(e.fontSize)}` : "", e.color ? `\\c${assColor(e.color)}` : ""].join("");
  return o ? `{${o}}` : "";
}

function dialogue(e: Pick<AssEvent, "startMs" | "endMs" | "fontSize" | "color">, style: string, body: string, literal = false): string {
  const text = literal ? body : escapeAssText(body.trim());
  return `Dialogue: 0,${assTime(e.startMs)},${assTime(e.endMs)},${style},,0,0,0,,${overridesOf(e as AssEvent)}${text}`;
}

/** A caption event as Dialogue lines: one for plain and boxed; one per spoken word for highlight. */
function captionLines(e: AssEvent): string[] {
  const preset = e.preset ?? "plain";
  const style = styleName(preset, positionOf(e.style));
  if (preset !== "highlight") return [dialogue(e, style, e.text)];
  const words = wordTimings(e);
  const lit = assColor(HIGHLIGHT_COLOR);
  const base = e.color ? assColor(e.color) : "&HFFFFFF&";
  const out: string[] = [];
  for (let from = 0; from < words.length; from += HIGHLIGHT_WORDS_PER_LINE) {
    const group = words.slice(from, from + HIGHLIGHT_WORDS_PER_LINE);
    for (const [k, w] of group.entries()) {
      // The line stays up from its first word to its last (gaps included), so it does not flicker between words.
      const startMs = k === 0 ? w.startMs : group[k - 1].endMs;
      const endMs = k === group.length - 1 ? Math.max(w.endMs, startMs + 1) : Math.max(group[k + 1].startMs, w.endMs);
      const body = group.map((g, j) => (j === k ? `{\\c${lit}}${escapeAssText(g.text)}{\\c${base}}` : escapeAssText(g.text))).join(" ");
      out.push(dialogue({ ...e, startMs, endMs: Math.min(endMs, e.endMs) }, style, body, true));
    }
  }
  return out.filter((l) => !/^Dialogue: 0,([^,]+),\1,/.test(l));
}

/**
 * When each word of a caption is spoken: the known timings when they cover the line, else the
 * line's time spread over its words by their length in characters (longer words take longer).
 */
export function wordTimings(e: Pick<AssEvent, "text" | "startMs" | "endMs" | "words">): AssWord[] {
  const known = (e.words ?? []).filter((w) => w.text.trim() && w.endMs > w.startMs);
  if (known.length) return known.map((w) => ({ text: w.text.trim(), startMs: Math.max(e.startMs, w.startMs), endMs: Math.min(e.endMs, w.endMs) }));
  const tokens = e.text.split(/\s+/).filter(Boolean);
  const weights = tokens.map((t) => t.length + 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const span = e.endMs - e.startMs;
  let at = e.startMs;
  return tokens.map((text, i) => {
    const startMs = Math.round(at);
    at += (span * weights[i]) / total;
    return { text, startMs, endMs: i === tokens.length - 1 ? e.endMs : Math.round(at) };
  });
}

/** #rrggbb -> ASS &HBBGGRR& (ASS stores colours blue-first). */
export function assColor(hex: string): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  return `&H${b}${g}${r}&`.toUpperCase();
}

/** ms -> H:MM:SS.cc (ASS uses centiseconds). */
export function assTime(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(cs % 100).padStart(2, "0")}`;
}

/** H:MM:SS.cc -> ms, as libass reads an event's time. */
const assMs = (time: string) => {
  const [h, m, s] = time.split(":");
  const [sec, cs] = s.split(".");
  return ((Number(h) * 60 + Number(m)) * 60 + Number(sec)) * 1000 + Number(cs) * 10;
};

/**
 * The frames of a segment at which what libass draws from this document changes: the first frame,
 * then every frame where a Dialogue line appears or leaves; empty when no line is ever seen. ffmpeg
 * asks libass for frame n at ms = trunc(n * (1 / fps) * 1000) (the frame's time in the 1/fps time
 * base, in double arithmetic), and libass shows a line while start <= ms < end. Every event is
 * static (no animation tags), so between two changes every frame shows the same picture.
 */
export function assChangeFrames(doc: string, fps: number, frames: number): number[] {
  const spans = [...doc.matchAll(/^Dialogue: \d+,([^,]+),([^,]+),/gm)].map((m) => [assMs(m[1]), assMs(m[2])] as const);
  const changes: number[] = [];
  let last = "";
  let seen = false;
  for (let n = 0; n < frames; n++) {
    const ms = Math.trunc(n * (1 / fps) * 1000);
    const shown = spans.flatMap(([start, end], i) => (start <= ms && ms < end ? [i] : [])).join(",");
    if (n === 0 || shown !== last) changes.push(n);
    if (shown) seen = true;
    last = shown;
  }
  return seen ? changes : [];
}
