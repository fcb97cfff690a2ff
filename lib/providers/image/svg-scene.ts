import { mix, type SceneStyle } from "./scene-style";

/** Rounds to one decimal so the SVG stays small and byte-identical across runs. */
const r = (n: number) => Math.round(n * 10) / 10;

interface Ctx {
  w: number;
  h: number;
  rand: () => number;
  style: SceneStyle;
}

/**
 * Composes a stylised illustration as SVG: sky, sun/moon/stars, the setting's silhouettes,
 * and a vignette. Pure: the same style and random stream always give the same markup.
 */
export function buildSceneSvg(w: number, h: number, style: SceneStyle, rand: () => number): string {
  const ctx: Ctx = { w, h, rand, style };
  const { sky } = style.palette;
  const defs = `
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${sky[0]}"/><stop offset="0.6" stop-color="${sky[1]}"/><stop offset="1" stop-color="${sky[2]}"/>
    </linearGradient>
    <radialGradient id="glow"><stop offset="0" stop-color="${style.palette.light}" stop-opacity="0.9"/>
      <stop offset="0.35" stop-color="${style.palette.light}" stop-opacity="0.35"/><stop offset="1" stop-color="${style.palette.light}" stop-opacity="0"/></radialGradient>
    <radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/>
      <stop offset="1" stop-color="#000" stop-opacity="0.55"/></radialGradient>
    <linearGradient id="beam" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${style.palette.light}" stop-opacity="0.55"/>
      <stop offset="1" stop-color="${style.palette.light}" stop-opacity="0.04"/></linearGradient>
    <filter id="soft" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${r(Math.min(w, h) / 40)}"/></filter>`;
  const body = [
    `<rect width="${w}" height="${h}" fill="url(#sky)"/>`,
    // Indoors on a stage there is no sky to hang a sun or moon in.
    style.setting === "stage" ? "" : celestial(ctx),
    SETTINGS[style.setting](ctx),
    `<rect width="${w}" height="${h}" fill="url(#vignette)"/>`,
  ].join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><defs>${defs}</defs>${body}</svg>`;
}

function celestial({ w, h, rand, style }: Ctx): string {
  const out: string[] = [];
  const m = Math.min(w, h);
  if (style.mood === "night") {
    for (let i = 0; i < 70; i++) {
      out.push(
        `<circle cx="${r(rand() * w)}" cy="${r(rand() * h * 0.55)}" r="${r(0.4 + rand() * m * 0.004)}" fill="#fff" opacity="${r(0.3 + rand() * 0.7)}"/>`,
      );
    }
    const cx = w * (0.2 + rand() * 0.6);
    const cy = h * (0.12 + rand() * 0.12);
    out.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(m * 0.2)}" fill="url(#glow)" opacity="0.5"/>`);
    out.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(m * 0.06)}" fill="${style.palette.light}"/>`);
  } else if (style.mood === "overcast") {
    for (let i = 0; i < 6; i++) {
      const y = h * (0.08 + i * 0.07);
      out.push(
        `<ellipse cx="${r(rand() * w)}" cy="${r(y)}" rx="${r(w * (0.25 + rand() * 0.3))}" ry="${r(h * 0.04)}" fill="${style.palette.light}" opacity="0.12" filter="url(#soft)"/>`,
      );
    }
  } else {
    const golden = style.mood === "golden";
    const cx = w * (0.25 + rand() * 0.5);
    const cy = golden ? h * 0.58 : h * 0.18;
    const size = m * (golden ? 0.14 : 0.07);
    out.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(size * 4)}" fill="url(#glow)" opacity="0.8"/>`);
    out.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(size)}" fill="${style.palette.light}"/>`);
  }
  return out.join("\n");
}

/** Colour for a silhouette layer `depth` steps back: fades toward the horizon sky (aerial perspective). */
function layerColor(style: SceneStyle, depth: number): string {
  return mix(style.palette.ground, style.palette.sky[2], depth * 0.28);
}

function city({ w, h, rand, style }: Ctx): string {
  const out: string[] = [];
  const lit = style.mood === "night" || style.mood === "golden" || style.mood === "overcast";
  for (let depth = 2; depth >= 0; depth--) {
    const fill = layerColor(style, depth);
    const base = h * (0.78 + (2 - depth) * 0.08);
    let x = -rand() * w * 0.05;
    while (x < w) {
      const bw = w * (0.05 + rand() * 0.07) * (1 + (2 - depth) * 0.25);
      const bh = h * (0.18 + rand() * 0.32) * (1 - depth * 0.15);
      const top = base - bh;
      out.push(`<rect x="${r(x)}" y="${r(top)}" width="${r(bw + 1)}" height="${r(h - top)}" fill="${fill}"/>`);
      if (rand() < 0.3)
        out.push(`<rect x="${r(x + bw * 0.45)}" y="${r(top - bh * 0.12)}" width="${r(Math.max(1, bw * 0.06))}" height="${r(bh * 0.12)}" fill="${fill}"/>`);
      if (depth < 2) {
        const cols = Math.max(2, Math.floor(bw / (w * 0.014)));
        const rows = Math.max(3, Math.floor(bh / (h * 0.035)));
        const cw = bw / (cols * 2 + 1);
        const ch = bh / (rows * 2 + 1);
        for (let c = 0; c < cols; c++) {
          for (let rr = 0; rr < rows; rr++) {
            if (rand() > (lit ? 0.45 : 0.25)) continue;
            const color = lit && rand() < 0.15 ? style.palette.accents[Math.floor(rand() * style.palette.accents.length)] : style.palette.light;
            out.push(
              `<rect x="${r(x + cw * (c * 2 + 1))}" y="${r(top + ch * (rr * 2 + 1))}" width="${r(cw)}" height="${r(ch)}" fill="${color}" opacity="${lit ? 0.85 : 0.25}"/>`,
            );
          }
        }
      }
      x += bw + w * rand() * 0.01;
    }
  }
  return out.join("\n");
}

function ocean({ w, h, rand, style }: Ctx): string {
  const horizon = h * 0.6;
  const water = mix(style.palette.sky[0], style.palette.ground, 0.4);
  const out = [
    `<rect y="${r(horizon)}" width="${w}" height="${r(h - horizon)}" fill="${water}"/>`,
    `<rect x="${r(w * 0.3)}" y="${r(horizon)}" width="${r(w * 0.4)}" height="${r(h - horizon)}" fill="url(#glow)" opacity="0.35"/>`,
  ];
  for (let i = 0; i < 9; i++) {
    const y = horizon + (h - horizon) * ((i + 1) / 10) ** 1.4;
    const amp = h * 0.006 * (1 + i * 0.5);
    const len = w / (4 + rand() * 3);
    let d = `M0 ${r(y)}`;
    for (let x = 0; x <= w + len; x += len) d += ` q${r(len / 4)} ${r(-amp)} ${r(len / 2)} 0 t${r(len / 2)} 0`;
    out.push(`<path d="${d}" fill="none" stroke="${style.palette.light}" stroke-width="${r(1 + i * 0.35)}" opacity="${r(0.15 + i * 0.05)}"/>`);
  }
  // A strip of sand in the foreground keeps the lower third from being empty water.
  out.push(`<path d="M0 ${r(h * 0.9)} Q${r(w * 0.5)} ${r(h * 0.84)} ${w} ${r(h * 0.93)} L${w} ${h} L0 ${h}Z" fill="${style.palette.ground}"/>`);
  return out.join("\n");
}

function forest({ w, h, rand, style }: Ctx): string {
  const out: string[] = [];
  for (let depth = 3; depth >= 0; depth--) {
    const fill = layerColor(style, depth * 0.8);
    const base = h * (0.7 + (3 - depth) * 0.08);
    out.push(`<path d="${hill(w, h, base, rand)}" fill="${fill}"/>`);
    const size = h * (0.12 + (3 - depth) * 0.07);
    let x = -rand() * size;
    while (x < w + size) {
      const th = size * (0.7 + rand() * 0.6);
      const tw = th * 0.42;
      const y = base + h * 0.02;
      out.push(
        `<path d="M${r(x)} ${r(y - th)} L${r(x + tw / 2)} ${r(y)} L${r(x - tw / 2)} ${r(y)}Z M${r(x)} ${r(y - th * 1.15)} L${r(x + tw / 2.6)} ${r(y - th * 0.45)} L${r(x - tw / 2.6)} ${r(y - th * 0.45)}Z" fill="${fill}"/>`,
      );
      x += tw * (0.55 + rand() * 0.6);
    }
  }
  return out.join("\n");
}

function mountains({ w, h, rand, style }: Ctx): string {
  const out: string[] = [];
  for (let depth = 3; depth >= 0; depth--) {
    const base = h * (0.55 + (3 - depth) * 0.1);
    let d = `M0 ${h} L0 ${r(base)}`;
    const steps = 5 + Math.floor(rand() * 4);
    for (let i = 1; i <= steps; i++) {
      const x = (w * i) / steps;
      d += ` L${r(x - w / steps / 2)} ${r(base - h * (0.08 + rand() * 0.22))} L${r(x)} ${r(base - h * rand() * 0.05)}`;
    }
    out.push(`<path d="${d} L${w} ${h}Z" fill="${layerColor(style, depth * 0.85)}"/>`);
  }
  return out.join("\n");
}

function stage({ w, h, rand, style }: Ctx): string {
  const floor = h * 0.8;
  const out = [
    `<rect width="${w}" height="${h}" fill="#000" opacity="0.45"/>`,
    `<rect y="${r(floor)}" width="${w}" height="${r(h - floor)}" fill="${style.palette.ground}"/>`,
    `<ellipse cx="${r(w / 2)}" cy="${r(floor + h * 0.04)}" rx="${r(w * 0.4)}" ry="${r(h * 0.06)}" fill="url(#glow)" opacity="0.7"/>`,
  ];
  const beams = 4 + Math.floor(rand() * 3);
  for (let i = 0; i < beams; i++) {
    const top = w * ((i + 0.5) / beams);
    const target = w * (0.3 + rand() * 0.4);
    const spread = w * (0.05 + rand() * 0.05);
    out.push(
      `<path d="M${r(top - w * 0.01)} 0 L${r(top + w * 0.01)} 0 L${r(target + spread)} ${r(floor)} L${r(target - spread)} ${r(floor)}Z" fill="url(#beam)"/>`,
    );
  }
  for (let i = 0; i < 90; i++) {
    const s = Math.min(w, h) * (0.008 + rand() * 0.012);
    const color = style.palette.accents[i % style.palette.accents.length];
    out.push(
      `<rect x="${r(rand() * w)}" y="${r(rand() * floor)}" width="${r(s)}" height="${r(s * 0.5)}" fill="${color}" opacity="0.9" transform="rotate(${Math.floor(rand() * 180)} ${r(rand() * w)} ${r(rand() * h)})"/>`,
    );
  }
  return out.join("\n");
}

function abstract({ w, h, rand, style }: Ctx): string {
  const out: string[] = [];
  const m = Math.min(w, h);
  for (let i = 0; i < 6; i++) {
    const color = style.palette.accents[i % style.palette.accents.length];
    out.push(`<circle cx="${r(rand() * w)}" cy="${r(rand() * h)}" r="${r(m * (0.15 + rand() * 0.25))}" fill="${color}" opacity="0.35" filter="url(#soft)"/>`);
  }
  for (let i = 0; i < 4; i++) {
    out.push(
      `<circle cx="${r(rand() * w)}" cy="${r(rand() * h)}" r="${r(m * (0.05 + rand() * 0.2))}" fill="none" stroke="${style.palette.light}" stroke-width="${r(m * 0.004)}" opacity="0.35"/>`,
    );
  }
  out.push(`<path d="${hill(w, h, h * 0.85, rand)}" fill="${style.palette.ground}" opacity="0.85"/>`);
  return out.join("\n");
}

/** A gentle rolling ground line from left to right, closed along the bottom edge. */
function hill(w: number, h: number, base: number, rand: () => number): string {
  const a = h * (0.02 + rand() * 0.04);
  return `M0 ${h} L0 ${r(base)} C${r(w * 0.3)} ${r(base - a)} ${r(w * 0.6)} ${r(base + a)} ${w} ${r(base - a / 2)} L${w} ${h}Z`;
}

const SETTINGS: Record<SceneStyle["setting"], (ctx: Ctx) => string> = { city, ocean, forest, mountains, stage, abstract };
