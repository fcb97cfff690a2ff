import { mix } from "./scene-style";
import { between, r, type Ctx } from "./svg-kit";

/** Sun by day (low and large at dawn and sunset), moon and stars at night. */
export function celestial(ctx: Ctx, horizon: number): string {
  const { w, h, style } = ctx;
  const m = Math.min(w, h);
  const out: string[] = [];
  const cx = w * between(ctx, 0.2, 0.8);
  if (style.time === "night" || style.time === "dusk") {
    const stars = style.weather === "clear" ? (style.time === "night" ? 90 : 25) : 0;
    for (let i = 0; i < stars; i++) {
      out.push(
        `<circle cx="${r(ctx.rand() * w)}" cy="${r(ctx.rand() * horizon * 0.8)}" r="${r(0.5 + ctx.rand() * m * 0.003)}" fill="#fff" opacity="${r(0.3 + ctx.rand() * 0.6)}"/>`,
      );
    }
    if (style.time === "night" && style.weather !== "storm" && style.weather !== "rain") {
      const cy = h * between(ctx, 0.08, 0.18);
      out.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(m * 0.16)}" fill="url(#glow)" opacity="0.45"/>`);
      out.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(m * 0.045)}" fill="#f3f1e6"/>`);
    }
    return out.join("\n");
  }
  if (style.weather === "rain" || style.weather === "storm" || style.weather === "fog") return "";
  const y = { dawn: 0.92, golden: 0.9, morning: 0.55, afternoon: 0.45, noon: 0.15 }[style.time] ?? 0.4;
  const size = m * (style.time === "dawn" || style.time === "golden" ? 0.1 : 0.06);
  const cy = style.time === "noon" ? h * 0.1 : horizon * y;
  const dim = style.weather === "cloudy" || style.weather === "snow" ? 0.45 : 1;
  out.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(size * 5)}" fill="url(#glow)" opacity="${r(0.85 * dim)}"/>`);
  out.push(`<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(size)}" fill="${style.palette.light}" opacity="${r(dim)}"/>`);
  return out.join("\n");
}

/** Cloud banks: a few on a clear day, a heavy low ceiling in rain and storm. */
export function clouds(ctx: Ctx, top: number): string {
  const { w, h, style } = ctx;
  const heavy = { clear: 0, cloudy: 7, rain: 10, storm: 12, snow: 8, fog: 4 }[style.weather];
  const count = heavy || (style.time === "night" ? 0 : Math.floor(between(ctx, 1, 4)));
  const base = mix(style.palette.sky[1], heavy ? "#eef0f3" : "#ffffff", heavy ? 0.25 : 0.6);
  const color = style.weather === "storm" ? mix(base, "#1a1d24", 0.55) : style.time === "night" ? mix(base, "#0b0f1c", 0.75) : base;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const cy = top * between(ctx, 0.05, heavy ? 0.7 : 0.5);
    const cx = ctx.rand() * w;
    const rx = w * between(ctx, 0.18, 0.4);
    const ry = h * between(ctx, 0.018, 0.04);
    const op = heavy ? between(ctx, 0.55, 0.9) : between(ctx, 0.5, 0.8);
    out.push(
      `<g fill="${color}" opacity="${r(op)}"><ellipse cx="${r(cx)}" cy="${r(cy)}" rx="${r(rx)}" ry="${r(ry)}"/>` +
        `<ellipse cx="${r(cx - rx * 0.35)}" cy="${r(cy - ry * 0.7)}" rx="${r(rx * 0.45)}" ry="${r(ry * 1.1)}"/>` +
        `<ellipse cx="${r(cx + rx * 0.25)}" cy="${r(cy - ry * 0.9)}" rx="${r(rx * 0.35)}" ry="${r(ry * 1.2)}"/></g>`,
    );
  }
  return out.join("\n");
}

/** Rain streaks, snowflakes, fog banks or a lightning bolt over the whole frame (or a window). */
export function weather(ctx: Ctx, area = { x: 0, y: 0, w: ctx.w, h: ctx.h }): string {
  const { style } = ctx;
  const out: string[] = [];
  const m = Math.min(ctx.w, ctx.h);
  if (style.weather === "rain" || style.weather === "storm") {
    const n = Math.round((area.w * area.h) / (m * m * 0.004));
    const len = m * 0.05;
    const slant = style.weather === "storm" ? 0.35 : 0.15;
    const color = style.time === "night" ? "#c9d6ee" : "#e8eef6";
    let d = "";
    for (let i = 0; i < Math.min(n, 900); i++) {
      const x = area.x + ctx.rand() * area.w;
      const y = area.y + ctx.rand() * area.h;
      const l = len * between(ctx, 0.6, 1.2);
      d += `M${r(x)} ${r(y)}l${r(-l * slant)} ${r(l)}`;
    }
    out.push(`<path d="${d}" stroke="${color}" stroke-width="${r(Math.max(1, m * 0.0022))}" opacity="0.45" stroke-linecap="round"/>`);
    if (style.weather === "storm" && area.w === ctx.w) {
      let x = area.w * between(ctx, 0.25, 0.75);
      let bolt = `M${r(x)} 0`;
      for (let y = 0; y < ctx.h * 0.4; y += ctx.h * 0.05) {
        x += (ctx.rand() - 0.5) * ctx.w * 0.08;
        bolt += ` L${r(x)} ${r(y + ctx.h * 0.05)}`;
      }
      out.push(`<path d="${bolt}" fill="none" stroke="#f4f2ff" stroke-width="${r(m * 0.006)}" opacity="0.9"/>`);
      out.push(`<rect width="${ctx.w}" height="${ctx.h}" fill="#cfd6ff" opacity="0.08"/>`);
    }
  } else if (style.weather === "snow") {
    for (let i = 0; i < Math.min(400, Math.round((area.w * area.h) / (m * m * 0.008))); i++) {
      const size = m * between(ctx, 0.002, 0.007);
      out.push(
        `<circle cx="${r(area.x + ctx.rand() * area.w)}" cy="${r(area.y + ctx.rand() * area.h)}" r="${r(size)}" fill="#fff" opacity="${r(between(ctx, 0.5, 0.95))}"/>`,
      );
    }
  } else if (style.weather === "fog") {
    out.push(`<rect x="${r(area.x)}" y="${r(area.y)}" width="${r(area.w)}" height="${r(area.h)}" fill="url(#fog)"/>`);
  }
  return out.join("\n");
}
