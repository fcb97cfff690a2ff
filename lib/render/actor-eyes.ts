import type { Rect } from "./actor-photo";
import type { FaceLandmarks, Point } from "./face-landmarks";

interface Placement {
  crop: Rect;
  drawn: Rect;
}

/** An eye on the layer (drawn pixels): centre, width between its corners, opening, tilt in degrees. */
interface Eye {
  cx: number;
  cy: number;
  width: number;
  opening: number;
  angle: number;
}

/** Below this width (drawn pixels) an eye is too small for a blink to be seen. */
const MIN_EYE_PX = 4;

/** Six eye contour points (outer corner, two upper lid, inner corner, two lower lid) mapped onto the layer. */
function eyeOn(points: Point[], { crop, drawn }: Placement): Eye | null {
  if (points.length !== 6) return null;
  const k = drawn.width / crop.width;
  const p = points.map((q) => ({ x: (q.x - crop.x) * k, y: (q.y - crop.y) * k }));
  const width = Math.hypot(p[3].x - p[0].x, p[3].y - p[0].y);
  const opening = (Math.hypot(p[1].x - p[5].x, p[1].y - p[5].y) + Math.hypot(p[2].x - p[4].x, p[2].y - p[4].y)) / 2;
  const cx = p.reduce((a, q) => a + q.x, 0) / 6;
  const cy = p.reduce((a, q) => a + q.y, 0) / 6;
  // Both eyes must lie inside the drawn crop: a bust that cuts an eye off does not blink half a face.
  if (width < MIN_EYE_PX || cx - width < 0 || cy - width < 0 || cx + width > drawn.width || cy + width > drawn.height) return null;
  const angle = (Math.atan2(p[3].y - p[0].y, p[3].x - p[0].x) * 180) / Math.PI;
  // Left and right eyes run in opposite directions from the outer corner: tilt is the line's, modulo a half turn.
  return { cx, cy, width, opening, angle: angle > 90 ? angle - 180 : angle < -90 ? angle + 180 : angle };
}

function eyesOf(face: FaceLandmarks, place: Placement): [Eye, Eye] | null {
  const left = eyeOn(face.leftEye, place);
  const right = eyeOn(face.rightEye, place);
  return left && right ? [left, right] : null;
}

/** The mean colour of the layer's opaque pixels in a rect (drawn pixels), as #rrggbb; null when none. */
function meanColour(layer: { data: Buffer; width: number; height: number }, x0: number, y0: number, x1: number, y1: number) {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(layer.height, Math.round(y1)); y++)
    for (let x = Math.max(0, Math.round(x0)); x < Math.min(layer.width, Math.round(x1)); x++) {
      const i = (y * layer.width + x) * 4;
      if (layer.data[i + 3] < 200) continue;
      for (let c = 0; c < 3; c++) sum[c] += layer.data[i + c];
      n++;
    }
  return n ? sum.map((s) => s / n) : null;
}

const hex = (rgb: number[], k: number) =>
  `#${rgb
    .map((v) =>
      Math.round(Math.min(255, v * k))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;

/**
 * An SVG (the layer's size) of both eyes closed: each eye covered by a feathered lid in the colour
 * of the skin just below it, with a dark lash line across. A drawn blink, not a re-animated face:
 * honest about what it is, and enough to make a still look alive. Null when the eyes are not in view.
 */
export function eyelidsSvg(face: FaceLandmarks, place: Placement, layer: { data: Buffer; width: number; height: number }): string | null {
  const eyes = eyesOf(face, place);
  if (!eyes) return null;
  const lids: string[] = [];
  for (const [i, e] of eyes.entries()) {
    const skin = meanColour(layer, e.cx - e.width / 2, e.cy + e.width * 0.45, e.cx + e.width / 2, e.cy + e.width * 0.75);
    if (!skin) return null;
    const rx = e.width * 0.62;
    const ry = Math.max(e.opening * 1.15, e.width * 0.3);
    const lash = Math.max(1, e.width * 0.05);
    const low = e.opening * 0.3;
    // The lid is a touch darker at its crease than at its edge, and the lashes meet where the lower lid was.
    lids.push(
      `<linearGradient id="g${i}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hex(skin, 0.88)}"/>` +
        `<stop offset="1" stop-color="${hex(skin, 1.0)}"/></linearGradient>` +
        `<g transform="translate(${e.cx.toFixed(1)} ${e.cy.toFixed(1)}) rotate(${e.angle.toFixed(1)})">` +
        `<ellipse cy="${(-ry * 0.1).toFixed(1)}" rx="${rx.toFixed(1)}" ry="${ry.toFixed(1)}" fill="url(#g${i})" filter="url(#f${i})"/>` +
        `<path d="M ${(-e.width * 0.5).toFixed(1)} ${(low * 0.2).toFixed(1)} Q 0 ${(low + e.opening * 0.45).toFixed(1)} ${(e.width * 0.5).toFixed(1)} ${(low * 0.2).toFixed(1)}" ` +
        `fill="none" stroke="${hex(skin, 0.25)}" stroke-width="${lash.toFixed(1)}" stroke-linecap="round" stroke-opacity="0.75" filter="url(#l${i})"/></g>`,
    );
  }
  const filters = eyes
    .map(
      (e, i) =>
        `<filter id="f${i}" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${(e.width * 0.1).toFixed(2)}"/></filter>` +
        `<filter id="l${i}" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${(e.width * 0.015).toFixed(2)}"/></filter>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layer.width}" height="${layer.height}"><defs>${filters}</defs>${lids.join("")}</svg>`;
}

/** The rect of the still's canvas that a blink changes (both eyes and their feathered lids); null when the eyes are not in view. */
export function eyesBox(face: FaceLandmarks, place: Placement, canvas: { width: number; height: number }): Rect | null {
  const eyes = eyesOf(face, place);
  if (!eyes) return null;
  const reach = Math.max(...eyes.map((e) => e.width * 0.9));
  const x0 = Math.max(0, Math.floor(Math.min(...eyes.map((e) => e.cx)) - reach + place.drawn.x));
  const y0 = Math.max(0, Math.floor(Math.min(...eyes.map((e) => e.cy)) - reach + place.drawn.y));
  const x1 = Math.min(canvas.width, Math.ceil(Math.max(...eyes.map((e) => e.cx)) + reach + place.drawn.x));
  const y1 = Math.min(canvas.height, Math.ceil(Math.max(...eyes.map((e) => e.cy)) + reach + place.drawn.y));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}
