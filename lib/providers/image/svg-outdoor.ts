import { lit, mix, type Setting } from "./scene-style";
import { between, r, type Ctx } from "./svg-kit";

const FACADES = ["#e9c46a", "#f2a99f", "#e07a5f", "#9cc9e0", "#f1e3c8", "#d4a373", "#a8d5ba", "#f6d6ad", "#c9b6e4"];
const NEON = ["#ff3b8d", "#27e0ff", "#b06cff", "#ffe45c"];
const night = (ctx: Ctx) => ctx.style.time === "night" || ctx.style.time === "dusk";
const snowy = (ctx: Ctx) => ctx.style.weather === "snow";
const poly = (pts: Array<[number, number]>, fill: string, extra = "") =>
  `<polygon points="${pts.map(([x, y]) => `${r(x)},${r(y)}`).join(" ")}" fill="${fill}"${extra}/>`;
/** A colour faded toward the horizon sky with distance (aerial perspective). */
const far = (ctx: Ctx, color: string, t: number) => mix(color, ctx.style.palette.sky[2], Math.min(0.85, t));

/**
 * A street seen down its length: facades on both sides converge on a vanishing point, windows
 * lit at night, sun on one wall by day, lamps and neon after dark, wet reflections in rain.
 */
function street(ctx: Ctx): string {
  const { w, h, style } = ctx;
  const out: string[] = [];
  const vx = w * between(ctx, 0.4, 0.6);
  const vy = h * (/\b(steep|hill|hilly|slope)\b/.test(ctx.words) ? 0.36 : between(ctx, 0.44, 0.5));
  const P = (X: number, Y: number, z: number): [number, number] => [vx + (X - vx) / z, vy + (Y - vy) / z];
  const ground = h * 1.02;
  const sunnyLeft = ctx.rand() < 0.5;
  const dark = night(ctx);
  const wet = style.weather === "rain" || style.weather === "storm";
  const lamps: Array<[number, number, number]> = [];

  const road = lit(snowy(ctx) ? "#e8ecf2" : "#a89a88", style.palette, wet ? 0.15 : 0);
  out.push(poly([P(-w * 0.2, ground, 0.55), P(w * 1.2, ground, 0.55), P(w * 1.2, ground, 40), P(-w * 0.2, ground, 40)], road));
  for (let z = 0.7; z < 14; z *= 1.18)
    out.push(
      `<path d="M${P(0, ground, z).map(r).join(" ")} L${P(w, ground, z).map(r).join(" ")}" stroke="${mix(road, "#000000", 0.18)}" stroke-width="${r(Math.max(1, 3 / z))}"/>`,
    );
  if (!dark && style.weather === "clear") {
    // The sun clears one wall; the other throws its shadow across half the street.
    const edge = sunnyLeft ? w * 1.2 : -w * 0.2;
    out.push(poly([P(w * 0.5, ground, 0.55), P(edge, ground, 0.55), P(edge, ground, 30), P(w * 0.5, ground, 30)], "#1c1633", ` opacity="0.28"`));
  }

  for (const side of [-1, 1]) {
    const X = side < 0 ? w * between(ctx, 0.02, 0.12) : w * between(ctx, 0.88, 0.98);
    const sunny = !dark && style.weather === "clear" && side < 0 === sunnyLeft;
    // Windows of one look share a path: hundreds of small shapes rasterise much faster as a few.
    const panes = new Map<string, string>();
    const signs: string[] = [];
    const pane = (pts: Array<[number, number]>, fill: string) =>
      panes.set(fill, `${panes.get(fill) ?? ""}M${pts.map(([x, y]) => `${r(x)} ${r(y)}`).join(" L")}Z`);
    let z = 0.55;
    while (z < 16) {
      const z2 = z * between(ctx, 1.25, 1.6);
      const top = /\b(city|skyline|downtown|tokyo|new york|neon)\b/.test(ctx.words) ? -h * between(ctx, 0.3, 1.2) : h * between(ctx, -0.25, 0.12);
      const depth = (z - 0.55) / 16;
      let color = lit(FACADES[Math.floor(ctx.rand() * FACADES.length)], style.palette, sunny ? -0.1 : 0.18);
      if (sunny) color = mix(color, style.palette.light, 0.18);
      color = far(ctx, color, depth * (dark ? 0.3 : 0.9));
      out.push(poly([P(X, ground, z), P(X, top, z), P(X, top, z2), P(X, ground, z2)], color));
      out.push(
        `<path d="M${P(X, top, z).map(r).join(" ")} L${P(X, ground, z).map(r).join(" ")}" stroke="${mix(color, "#000000", 0.25)}" stroke-width="${r(Math.max(1, 6 / z))}"/>`,
      );
      // Windows: dark glass by day, warm squares at night; a roofline cornice on top.
      const cols = z2 - z > 0.5 ? 3 : 2;
      for (let c = 0; c < cols; c++) {
        const za = z + ((z2 - z) * (c + 0.25)) / cols;
        const zb = z + ((z2 - z) * (c + 0.7)) / cols;
        for (let y = ground - h * 0.3; y > top + h * 0.06; y -= h * 0.15) {
          const on = dark ? ctx.rand() < 0.55 : false;
          const glass = on ? style.palette.lamp : mix(lit("#3a4660", style.palette), style.palette.sky[1], dark ? 0 : 0.25);
          pane([P(X, y, za), P(X, y - h * 0.08, za), P(X, y - h * 0.08, zb), P(X, y, zb)], glass);
          if (!dark && ctx.rand() < 0.35) pane([P(X, y + h * 0.02, za), P(X, y, za), P(X, y, zb), P(X, y + h * 0.02, zb)], "#2b2b33");
        }
      }
      // A shopfront or doorway at street level, lit after dark.
      const za = z + (z2 - z) * 0.2;
      const zb = z + (z2 - z) * 0.75;
      out.push(
        poly(
          [P(X, ground, za), P(X, ground - h * 0.16, za), P(X, ground - h * 0.16, zb), P(X, ground, zb)],
          dark ? mix(style.palette.lamp, "#000000", 0.25) : lit("#4a3b33", style.palette),
          dark ? ` opacity="0.85"` : "",
        ),
      );
      if (!dark)
        out.push(
          poly(
            [P(X, ground - h * 0.17, za), P(X, ground - h * 0.2, za), P(X, ground - h * 0.2, zb), P(X, ground - h * 0.17, zb)],
            lit(NEON[Math.floor(ctx.rand() * NEON.length)], style.palette, 0.25),
          ),
        );
      if ((dark || wet) && ctx.rand() < 0.6) lamps.push([X + side * -w * 0.02, ground - h * 0.3, (z + z2) / 2]);
      if (style.time === "night" && ctx.rand() < 0.45) {
        const zs = z + (z2 - z) * 0.3;
        const neon = NEON[Math.floor(ctx.rand() * NEON.length)];
        signs.push(
          poly(
            [P(X, ground - h * 0.24, zs), P(X, ground - h * 0.5, zs), P(X, ground - h * 0.5, zs + 0.1), P(X, ground - h * 0.24, zs + 0.1)],
            neon,
            ` opacity="0.95"`,
          ),
        );
        signs.push(
          `<circle cx="${r(P(X, 0, zs)[0])}" cy="${r(P(X, ground - h * 0.37, zs)[1])}" r="${r((Math.min(w, h) * 0.22) / zs)}" fill="${neon}" opacity="0.18"/>`,
        );
      }
      z = z2;
    }
    for (const [fill, d] of panes) out.push(`<path d="${d}" fill="${fill}"${fill === style.palette.lamp ? "" : ` opacity="0.8"`}/>`);
    out.push(...signs);
  }
  // The street's far end: a block of distant buildings hazed by distance.
  const [lx] = P(0, 0, 16);
  const [rx] = P(w, 0, 16);
  out.push(`<rect x="${r(lx)}" y="${r(vy - h * 0.05)}" width="${r(rx - lx)}" height="${r(h * 0.05)}" fill="${far(ctx, lit("#8d8a9a", style.palette), 0.6)}"/>`);

  if (/\b(market|food|stalls?|string lights|festival|fair)\b/.test(ctx.words)) out.push(stringLights(ctx, P));
  if (/\b(marathon|race|finish line|runners?)\b/.test(ctx.words)) {
    // A finish banner spanning the street a little way ahead.
    const z = between(ctx, 2.2, 3.2);
    const [x1, y1] = P(-w * 0.02, ground - h * 0.55, z);
    const [x2, y2] = P(w * 1.02, ground - h * 0.45, z);
    out.push(
      poly(
        [
          [x1, y1],
          [x2, y1],
          [x2, y2],
          [x1, y2],
        ],
        lit("#d62839", style.palette),
      ),
      `<rect x="${r(x1 + (x2 - x1) * 0.3)}" y="${r(y1 + (y2 - y1) * 0.35)}" width="${r((x2 - x1) * 0.4)}" height="${r((y2 - y1) * 0.3)}" fill="#ffffff" opacity="0.85"/>`,
    );
  }
  for (const [X, Y, z] of lamps) {
    const [x, y] = P(X, Y, z);
    const size = (Math.min(w, h) * 0.25) / z;
    out.push(`<circle cx="${r(x)}" cy="${r(y)}" r="${r(size)}" fill="url(#lamp)"/>`);
    if (wet)
      out.push(
        `<ellipse cx="${r(x)}" cy="${r(P(X, ground, z)[1] + size * 0.8)}" rx="${r(size * 0.35)}" ry="${r(size * 1.2)}" fill="url(#lamp)" opacity="0.8"/>`,
      );
  }
  if (wet)
    out.push(
      poly([P(-w * 0.2, ground, 0.55), P(w * 1.2, ground, 0.55), P(w * 1.2, ground, 40), P(-w * 0.2, ground, 40)], style.palette.sky[2], ` opacity="0.18"`),
    );
  return out.join("\n");
}

/** Strings of festoon bulbs sagging across the street at a few depths. */
function stringLights(ctx: Ctx, P: (X: number, Y: number, z: number) => [number, number]): string {
  const { w, h, style } = ctx;
  const out: string[] = [];
  const colors = [style.palette.lamp, "#ff8fa3", "#9be7ff", "#ffe066"];
  for (const z of [1.2, 1.8, 2.8, 4.2, 6.5]) {
    const [x1, y1] = P(-w * 0.05, h * 0.08, z);
    const [x2, y2] = P(w * 1.05, h * 0.08, z);
    const sag = (h * 0.06) / z;
    out.push(
      `<path d="M${r(x1)} ${r(y1)} Q${r((x1 + x2) / 2)} ${r(y1 + sag * 2)} ${r(x2)} ${r(y2)}" stroke="#222" stroke-width="${r(Math.max(1, 3 / z))}" fill="none" opacity="0.7"/>`,
    );
    for (let t = 0.05; t < 1; t += 0.08) {
      const x = x1 + (x2 - x1) * t;
      const y = y1 + sag * 4 * t * (1 - t);
      out.push(
        `<circle cx="${r(x)}" cy="${r(y + 4 / z)}" r="${r(Math.max(1.5, (Math.min(w, h) * 0.012) / z))}" fill="${colors[Math.floor(t * 12) % colors.length]}"/>`,
      );
    }
  }
  return out.join("\n");
}

/** A ridge line across the frame, closed along the bottom. */
function ridge(ctx: Ctx, base: number, amp: number, steps: number, jag: boolean): string {
  const { w, h } = ctx;
  let d = `M0 ${h} L0 ${r(base)}`;
  for (let i = 1; i <= steps; i++) {
    const x = (w * i) / steps;
    const y = base - h * amp * ctx.rand();
    d += jag
      ? ` L${r(x - w / steps / 2)} ${r(y)} L${r(x)} ${r(base - h * amp * 0.2 * ctx.rand())}`
      : ` Q${r(x - w / steps / 2)} ${r(y)} ${r(x)} ${r(base - h * amp * 0.3 * ctx.rand())}`;
  }
  return `${d} L${w} ${h}Z`;
}

function beach(ctx: Ctx): string {
  const { w, h, style } = ctx;
  const horizon = h * between(ctx, 0.5, 0.56);
  const sea = lit(mix("#1d6fa5", style.palette.sky[1], 0.35), style.palette);
  const out = [`<rect y="${r(horizon)}" width="${w}" height="${r(h - horizon)}" fill="${sea}"/>`];
  if (ctx.rand() < 0.6) {
    // A headland on one side of the bay.
    const left = ctx.rand() < 0.5;
    const x0 = left ? -w * 0.1 : w * 0.55;
    const x1 = left ? w * 0.45 : w * 1.1;
    const peak = horizon - h * between(ctx, 0.03, 0.07);
    out.push(
      `<path d="M${r(x0)} ${r(horizon)} Q${r(left ? x0 + w * 0.1 : x1 - w * 0.1)} ${r(peak)} ${r((x0 + x1) / 2)} ${r(peak + h * 0.01)} T${r(x1)} ${r(horizon)}Z" fill="${far(ctx, lit("#4b5a4f", style.palette), 0.45)}"/>`,
    );
  }
  out.push(
    `<ellipse cx="${r(w * between(ctx, 0.3, 0.7))}" cy="${r(horizon + h * 0.12)}" rx="${r(w * 0.12)}" ry="${r(h * 0.14)}" fill="url(#glow)" opacity="${night(ctx) ? 0.25 : 0.45}"/>`,
  );
  for (let i = 0; i < 12; i++) {
    const y = horizon + (h * 0.82 - horizon) * ((i + 1) / 13) ** 1.3;
    const len = w / between(ctx, 3, 6);
    let d = `M${r(-ctx.rand() * len)} ${r(y)}`;
    for (let x = 0; x <= w + len; x += len) d += ` q${r(len / 4)} ${r(-h * 0.004 * (1 + i * 0.3))} ${r(len / 2)} 0 t${r(len / 2)} 0`;
    out.push(`<path d="${d}" fill="none" stroke="#ffffff" stroke-width="${r(1 + i * 0.4)}" opacity="${r(0.12 + i * 0.035)}"/>`);
  }
  const sand = lit(snowy(ctx) ? "#e9edf2" : "#e6cf9f", style.palette);
  const shore = h * between(ctx, 0.8, 0.86);
  out.push(`<path d="M0 ${r(shore)} Q${r(w * 0.5)} ${r(shore - h * 0.05)} ${w} ${r(shore + h * 0.02)} L${w} ${h} L0 ${h}Z" fill="${sand}"/>`);
  out.push(
    `<path d="M0 ${r(shore)} Q${r(w * 0.5)} ${r(shore - h * 0.05)} ${w} ${r(shore + h * 0.02)}" fill="none" stroke="#ffffff" stroke-width="${r(h * 0.006)}" opacity="0.7"/>`,
  );
  return out.join("\n");
}

function layers(ctx: Ctx, colors: string[], bases: number[], amp: number, jag: boolean): string {
  return bases
    .map((base, i) => {
      const color = far(ctx, lit(colors[i % colors.length], ctx.style.palette), (bases.length - 1 - i) * 0.22);
      return `<path d="${ridge(ctx, ctx.h * base, amp * (1 - i * 0.15), 4 + i * 2, jag)}" fill="${color}"/>`;
    })
    .join("\n");
}

const mountain = (ctx: Ctx) => layers(ctx, ["#8b96b0", "#5d6b8a", "#3b4763", "#2a3249"], [0.5, 0.6, 0.72, 0.86], 0.28, true) + snowBlanket(ctx);

function trees(ctx: Ctx, base: number, size: number, color: string, bare: boolean): string {
  const out: string[] = [];
  let x = -ctx.rand() * size;
  while (x < ctx.w + size) {
    const th = size * between(ctx, 0.7, 1.3);
    const tw = th * 0.42;
    out.push(
      bare
        ? `<path d="M${r(x)} ${r(base)} L${r(x)} ${r(base - th)} M${r(x)} ${r(base - th * 0.5)} L${r(x - tw / 2)} ${r(base - th * 0.85)} M${r(x)} ${r(base - th * 0.65)} L${r(x + tw / 2)} ${r(base - th)}" stroke="${color}" stroke-width="${r(Math.max(1.5, th * 0.03))}" fill="none"/>`
        : `<path d="M${r(x)} ${r(base - th)} L${r(x + tw / 2)} ${r(base)} L${r(x - tw / 2)} ${r(base)}Z M${r(x)} ${r(base - th * 1.15)} L${r(x + tw / 2.6)} ${r(base - th * 0.45)} L${r(x - tw / 2.6)} ${r(base - th * 0.45)}Z" fill="${color}"/>`,
    );
    x += tw * between(ctx, 0.55, 1.2);
  }
  return out.join("\n");
}

function forest(ctx: Ctx): string {
  const out: string[] = [];
  for (let depth = 3; depth >= 0; depth--) {
    const color = far(ctx, lit("#24452f", ctx.style.palette), depth * 0.25);
    const base = ctx.h * (0.62 + (3 - depth) * 0.1);
    out.push(`<path d="${ridge(ctx, base, 0.03, 3, false)}" fill="${color}"/>`);
    out.push(trees(ctx, base + ctx.h * 0.02, ctx.h * (0.1 + (3 - depth) * 0.07), color, false));
  }
  return out.join("\n") + snowBlanket(ctx);
}

/** A road running from the bottom of the frame to the horizon, dashed down the middle. */
function roadway(ctx: Ctx, horizon: number, color: string): string {
  const { w, h } = ctx;
  const vx = w * between(ctx, 0.42, 0.58);
  const out = [
    `<polygon points="${r(vx - w * 0.01)},${r(horizon)} ${r(vx + w * 0.01)},${r(horizon)} ${r(w * 1.1)},${h} ${r(-w * 0.1)},${h}" fill="${lit(color, ctx.style.palette)}"/>`,
  ];
  for (let t = 0.02; t < 1; t *= 1.5) {
    const y1 = horizon + (h - horizon) * t;
    const y2 = horizon + (h - horizon) * t * 1.25;
    const x = (y: number) => vx + ((w * 0.5 - vx) * (y - horizon)) / (h - horizon);
    out.push(`<path d="M${r(x(y1))} ${r(y1)} L${r(x(y2))} ${r(y2)}" stroke="#f2d16b" stroke-width="${r(Math.max(1, w * 0.012 * t))}" opacity="0.9"/>`);
  }
  return out.join("\n");
}

function desert(ctx: Ctx): string {
  const { w, h, style } = ctx;
  const horizon = h * 0.58;
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const x = w * between(ctx, -0.1, 0.9);
    const mw = w * between(ctx, 0.15, 0.35);
    const mh = h * between(ctx, 0.05, 0.12);
    out.push(
      poly(
        [
          [x, horizon],
          [x + mw * 0.15, horizon - mh],
          [x + mw * 0.85, horizon - mh],
          [x + mw, horizon],
        ],
        far(ctx, lit("#b5543a", style.palette), 0.35),
      ),
    );
  }
  out.push(`<rect y="${r(horizon)}" width="${w}" height="${r(h - horizon)}" fill="${lit("#e0a96d", style.palette)}"/>`);
  out.push(`<path d="${ridge(ctx, h * 0.78, 0.05, 3, false)}" fill="${lit("#d18c52", style.palette)}"/>`);
  if (/\b(road|highway|trip|drive|car)\b/.test(ctx.words)) out.push(roadway(ctx, horizon, "#3d3a40"));
  return out.join("\n");
}

function garden(ctx: Ctx): string {
  const { w, h, style } = ctx;
  const out = [layers(ctx, ["#5f7f4a", "#4a6b3a", "#3a5a30"], [0.58, 0.68, 0.8], 0.05, false)];
  const winter = snowy(ctx);
  out.push(trees(ctx, h * 0.7, h * 0.16, far(ctx, lit(winter ? "#3b3530" : "#2f4a2a", style.palette), 0.3), winter));
  // Raised beds or rows of plants in the foreground, a fence behind them.
  for (let x = -w * 0.05; x < w; x += w * between(ctx, 0.045, 0.07))
    out.push(`<rect x="${r(x)}" y="${r(h * 0.74)}" width="${r(w * 0.012)}" height="${r(h * 0.05)}" fill="${lit("#8a6a48", style.palette)}"/>`);
  out.push(`<rect y="${r(h * 0.755)}" width="${w}" height="${r(h * 0.008)}" fill="${lit("#8a6a48", style.palette)}"/>`);
  for (let i = 0; i < 3; i++) {
    const y = h * (0.84 + i * 0.055);
    out.push(
      `<rect x="${r(w * 0.05)}" y="${r(y)}" width="${r(w * 0.9)}" height="${r(h * 0.035)}" rx="${r(h * 0.005)}" fill="${lit("#6b4a32", style.palette)}"/>`,
    );
    for (let x = w * 0.08; x < w * 0.93; x += w * 0.06) {
      const bloom = winter ? "#f1f4f8" : ["#e76f8a", "#f4c542", "#8fc66b", "#c792ea"][Math.floor(ctx.rand() * 4)];
      out.push(`<circle cx="${r(x)}" cy="${r(y)}" r="${r(h * 0.012)}" fill="${lit(bloom, style.palette)}"/>`);
    }
  }
  return out.join("\n") + snowBlanket(ctx);
}

function road(ctx: Ctx): string {
  const horizon = ctx.h * 0.58;
  return (
    layers(ctx, ["#7d8f6a", "#6a7d55"], [0.56, 0.62], 0.06, false) +
    `<rect y="${r(horizon)}" width="${ctx.w}" height="${r(ctx.h - horizon)}" fill="${lit(snowy(ctx) ? "#e4e9f0" : "#8c9a5e", ctx.style.palette)}"/>` +
    roadway(ctx, horizon, "#3d3a40")
  );
}

/** A Roman aqueduct: two tiers of stone arches across the frame. */
function ruins(ctx: Ctx): string {
  const { w, h, style } = ctx;
  const stone = lit("#d8c3a0", style.palette);
  const shadow = lit("#d8c3a0", style.palette, 0.35);
  const out = [layers(ctx, ["#9a8f6a", "#7d7350"], [0.7, 0.8], 0.04, false)];
  const base = h * 0.78;
  const tiers = [
    { top: h * 0.42, bottom: base, span: w * 0.22 },
    { top: h * 0.3, bottom: h * 0.42, span: w * 0.11 },
  ];
  for (const t of tiers) {
    out.push(`<rect x="0" y="${r(t.top)}" width="${w}" height="${r(t.bottom - t.top)}" fill="${stone}"/>`);
    for (let x = -ctx.rand() * t.span; x < w; x += t.span) {
      const pier = t.span * 0.22;
      const aw = t.span - pier;
      const spring = t.top + (t.bottom - t.top) * 0.3;
      out.push(
        `<path d="M${r(x + pier)} ${r(t.bottom)} L${r(x + pier)} ${r(spring + aw / 2)} A${r(aw / 2)} ${r(aw / 2)} 0 0 1 ${r(x + pier + aw)} ${r(spring + aw / 2)} L${r(x + pier + aw)} ${r(t.bottom)}Z" fill="url(#sky)"/>`,
      );
      out.push(`<rect x="${r(x + pier * 0.8)}" y="${r(t.top)}" width="${r(pier * 0.2)}" height="${r(t.bottom - t.top)}" fill="${shadow}"/>`);
    }
  }
  out.push(`<rect y="${r(base)}" width="${w}" height="${r(h - base)}" fill="${lit("#a89c72", style.palette)}"/>`);
  out.push(
    trees(ctx, h * 0.9, h * 0.2, lit("#243b26", style.palette), false)
      .split("\n")
      .slice(0, 2)
      .join("\n"),
  );
  return out.join("\n");
}

const open = (ctx: Ctx) => layers(ctx, ["#6f8f5a", "#557a45", "#3f6236"], [0.62, 0.72, 0.85], 0.07, false) + snowBlanket(ctx);

/** Snow lying on the ground in a snowy scene. */
function snowBlanket(ctx: Ctx): string {
  return snowy(ctx) ? `<path d="${ridge(ctx, ctx.h * 0.86, 0.03, 3, false)}" fill="#eef2f7" opacity="0.92"/>` : "";
}

/** Space: black sky thick with stars, a planet hanging in it, and a dusty alien ground. */
function space(ctx: Ctx): string {
  const { w, h } = ctx;
  const m = Math.min(w, h);
  const out = [`<rect width="${w}" height="${h}" fill="#03040a"/>`];
  let d = "";
  for (let i = 0; i < 260; i++) d += `M${r(ctx.rand() * w)} ${r(ctx.rand() * h * 0.8)}h1.5v1.5h-1.5Z`;
  out.push(`<path d="${d}" fill="#ffffff" opacity="0.8"/>`);
  const px = w * between(ctx, 0.25, 0.75);
  const py = h * between(ctx, 0.2, 0.4);
  const pr = m * between(ctx, 0.18, 0.3);
  const hue = ["#4f8fd8", "#d9824a", "#8c6bd6", "#4fb08a"][Math.floor(ctx.rand() * 4)];
  out.push(
    `<circle cx="${r(px)}" cy="${r(py)}" r="${r(pr * 1.25)}" fill="${hue}" opacity="0.15"/>`,
    `<circle cx="${r(px)}" cy="${r(py)}" r="${r(pr)}" fill="${hue}"/>`,
  );
  out.push(`<clipPath id="planet"><circle cx="${r(px)}" cy="${r(py)}" r="${r(pr)}"/></clipPath>`);
  out.push(`<circle cx="${r(px + pr * 0.35)}" cy="${r(py + pr * 0.2)}" r="${r(pr)}" fill="#03040a" opacity="0.55" clip-path="url(#planet)"/>`);
  out.push(`<path d="${ridge(ctx, h * 0.8, 0.05, 5, true)}" fill="#5a3b33"/>`);
  return out.join("\n");
}

export const OUTDOOR: Partial<Record<Setting, (ctx: Ctx) => string>> = { street, beach, mountain, forest, desert, garden, road, ruins, space, open };
