/**
 * Where a track sits in the frame: one set of rules for the renderer (lib/render/plan-scene.ts)
 * and the editor's preview, so what the creator sees is what renders. Boxes are in the frame's
 * pixels; `scale` maps timeline pixels to them (1 in the editor, smaller for a draft render).
 *
 * - position is the box's top-left corner, from the frame's top left (as the seeds say);
 * - size is the box; without it a media box reaches the frame's right and bottom edges;
 * - text with a position but no size starts at that position (its first line's top is y);
 *   text with a size is centred in its box; text with neither is centred in the frame, inside a
 *   6% side margin.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Frame {
  width: number;
  height: number;
}

interface Placed {
  position?: { x: number; y: number };
  size?: { width: number; height: number };
}

/** The box of an image, video or actor track; null when it has neither position nor size (the whole frame). */
export function trackBox(t: Placed, frame: Frame, scale = 1): Box | null {
  if (!t.size && !t.position) return null;
  const px = (n: number) => Math.round(n * scale);
  return {
    x: px(t.position?.x ?? 0),
    y: px(t.position?.y ?? 0),
    width: t.size ? px(t.size.width) : frame.width,
    height: t.size ? px(t.size.height) : frame.height,
  };
}

/** Greedy word wrap to at most `maxChars` per line; long words are split. */
export function wrapText(text: string, maxChars: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = "";
    for (let word of para.split(/\s+/).filter(Boolean)) {
      while (word.length > maxChars) {
        if (line) {
          out.push(line);
          line = "";
        }
        out.push(word.slice(0, maxChars));
        word = word.slice(maxChars);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
    }
    if (line) out.push(line);
  }
  return out.length ? out : [" "];
}

/** A text track's default size: 8% of the frame's height. */
export const defaultFontSize = (frame: Frame) => Math.max(12, Math.round(frame.height * 0.08));
/** Lines are 1.3 em apart. */
export const LINE_HEIGHT = 1.3;
/** DejaVu Sans averages about 0.55 em a character; wrapping at 0.56 keeps lines inside their box. */
const EM_PER_CHAR = 0.56;

export interface TextLayout {
  box: Box;
  fontSize: number;
  lineHeight: number;
  /** Each line and the y of its top. */
  lines: Array<{ text: string; y: number }>;
}

export function textLayout(t: Placed & { text: string; fontSize?: number }, frame: Frame, scale = 1): TextLayout {
  const px = (n: number) => Math.round(n * scale);
  const W = frame.width;
  const H = frame.height;
  const margin = Math.round(W * 0.06);
  const fontSize = t.fontSize ? Math.max(6, px(t.fontSize)) : defaultFontSize(frame);
  const lineHeight = Math.round(fontSize * LINE_HEIGHT);
  const x = px(t.position?.x ?? 0);
  const width = t.size ? px(t.size.width) : t.position ? Math.max(1, W - x) : W - 2 * margin;
  const lines = wrapText(t.text, Math.max(1, Math.floor(width / (fontSize * EM_PER_CHAR))));
  const textHeight = lines.length * lineHeight;
  const box: Box = t.size
    ? { x, y: px(t.position?.y ?? 0), width, height: px(t.size.height) }
    : t.position
      ? { x, y: px(t.position.y), width, height: textHeight }
      : { x: margin, y: 0, width, height: H };
  const top = box.y + Math.max(0, (box.height - textHeight) / 2);
  return { box, fontSize, lineHeight, lines: lines.map((text, i) => ({ text, y: Math.round(top + i * lineHeight) })) };
}
