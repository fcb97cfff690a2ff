/** A line of text shown from startMs to endMs (scene-relative) in one of the two styles. */
export interface AssEvent {
  text: string;
  startMs: number;
  endMs: number;
  style: "caption-bottom" | "caption-center" | "caption-top" | "title";
  fontSize?: number;
  /** #rrggbb */
  color?: string;
}

export const ASS_FONT = "DejaVu Sans";

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

/**
 * A complete .ass document sized to the video (PlayRes = pixels, so font sizes are pixels).
 * libass wraps long lines and draws an outline, which drawtext in ffmpeg 5.1 cannot do. Pure.
 */
export function buildAssSubtitles(width: number, height: number, events: AssEvent[]): string {
  const base = Math.max(12, Math.round(height * 0.055));
  const margin = Math.round(width * 0.08);
  const marginV = Math.round(height * 0.07);
  const outline = Math.max(1, Math.round(base / 14));
  const style = (name: string, size: number, align: number) =>
    `Style: ${name},${ASS_FONT},${size},&H00FFFFFF,&H00FFFFFF,&H00101010,&H99000000,-1,0,0,0,100,100,0,0,1,${outline},${Math.max(1, Math.round(outline / 2))},${align},${margin},${margin},${marginV},1`;
  const lines = events
    .filter((e) => e.text.trim() && e.endMs > e.startMs)
    .map((e) => {
      const overrides = [e.fontSize ? `\\fs${Math.round(e.fontSize)}` : "", e.color ? `\\c${assColor(e.color)}` : ""].join("");
      const text = (overrides ? `{${overrides}}` : "") + escapeAssText(e.text.trim());
      return `Dialogue: 0,${assTime(e.startMs)},${assTime(e.endMs)},${e.style},,0,0,0,,${text}`;
    });
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
    style("caption-bottom", base, 2),
    style("caption-center", base, 5),
    style("caption-top", base, 8),
    style("title", Math.round(base * 1.8), 5),
    "",
    "[Events]",
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ...lines,
    "",
  ].join("\n");
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
