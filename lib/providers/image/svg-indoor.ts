import { lit, mix, type Setting } from "./scene-style";
import { between, r, type Ctx } from "./svg-kit";
import { celestial, clouds, weather } from "./svg-sky";

interface Room {
  wall: string;
  floor: string;
  /** Window in the back wall as fractions of the frame: x, y, width, height. */
  window: [number, number, number, number];
  furnish: (ctx: Ctx, floorY: number) => string;
}

const night = (ctx: Ctx) => ctx.style.time === "night" || ctx.style.time === "dusk";
const rect = (x: number, y: number, w: number, h: number, fill: string, extra = "") =>
  `<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" fill="${fill}"${extra}/>`;
/** Indoors the lamps keep things visible at night, so surfaces sink less than outside. */
const inside = (ctx: Ctx, color: string, extra = 0) => lit(color, { ...ctx.style.palette, dark: ctx.style.palette.dark * 0.55 }, extra);

function pendant(ctx: Ctx, x: number, y: number): string {
  const m = Math.min(ctx.w, ctx.h);
  const on = night(ctx) || ctx.style.weather !== "clear";
  return (
    `<path d="M${r(x)} 0 L${r(x)} ${r(y)}" stroke="#222" stroke-width="${r(m * 0.004)}"/>` +
    `<path d="M${r(x - m * 0.05)} ${r(y + m * 0.04)} Q${r(x)} ${r(y - m * 0.03)} ${r(x + m * 0.05)} ${r(y + m * 0.04)}Z" fill="${inside(ctx, "#2f3a3a")}"/>` +
    (on ? `<circle cx="${r(x)}" cy="${r(y + m * 0.05)}" r="${r(m * 0.3)}" fill="url(#lamp)"/>` : "")
  );
}

const FURNISHED: Partial<Record<Setting, Room>> = {
  kitchen: {
    wall: "#efe3cf",
    floor: "#a77b55",
    window: [0.3, 0.2, 0.4, 0.24],
    furnish: (ctx, floorY) => {
      const { w, h } = ctx;
      const top = h * 0.62;
      const out = [rect(0, h * 0.08, w * 0.26, h * 0.2, inside(ctx, "#7c9c8c")), rect(w * 0.74, h * 0.08, w * 0.26, h * 0.2, inside(ctx, "#7c9c8c"))];
      out.push(rect(0, top, w, floorY - top + h * 0.02, inside(ctx, "#7c9c8c")), rect(0, top - h * 0.015, w, h * 0.02, inside(ctx, "#f4efe6")));
      for (let x = w * 0.1; x < w; x += w * 0.25) out.push(rect(x, top + h * 0.04, w * 0.06, h * 0.008, inside(ctx, "#c9b48a")));
      const px = w * between(ctx, 0.2, 0.7);
      out.push(`<ellipse cx="${r(px)}" cy="${r(top - h * 0.035)}" rx="${r(w * 0.09)}" ry="${r(h * 0.03)}" fill="${inside(ctx, "#5b6370")}"/>`);
      for (let i = 0; i < 3; i++)
        out.push(
          `<path d="M${r(px - w * 0.03 + i * w * 0.03)} ${r(top - h * 0.07)} q${r(w * 0.02)} ${r(-h * 0.03)} 0 ${r(-h * 0.06)} t0 ${r(-h * 0.06)}" stroke="#ffffff" stroke-width="${r(w * 0.006)}" fill="none" opacity="0.45"/>`,
        );
      out.push(pendant(ctx, w * 0.5, h * 0.12));
      return out.join("\n");
    },
  },
  cafe: {
    wall: "#c9a27e",
    floor: "#5a3d2b",
    window: [0.08, 0.16, 0.84, 0.3],
    furnish: (ctx, floorY) => {
      const { w, h } = ctx;
      const top = h * 0.66;
      const out = [rect(0, top, w, floorY - top + h * 0.02, inside(ctx, "#6b4430")), rect(0, top - h * 0.015, w, h * 0.02, inside(ctx, "#2b2b2b"))];
      const mx = w * between(ctx, 0.15, 0.55);
      out.push(
        rect(mx, top - h * 0.12, w * 0.28, h * 0.12, inside(ctx, "#b9bcc2")),
        rect(mx + w * 0.03, top - h * 0.1, w * 0.08, h * 0.05, inside(ctx, "#2f3236")),
      );
      for (let i = 0; i < 4; i++)
        out.push(`<ellipse cx="${r(w * (0.1 + i * 0.08))}" cy="${r(top - h * 0.02)}" rx="${r(w * 0.025)}" ry="${r(h * 0.012)}" fill="#f6f1e9"/>`);
      out.push(rect(w * 0.62, h * 0.5, w * 0.3, h * 0.12, inside(ctx, "#2e3b34")));
      for (let i = 0; i < 4; i++) out.push(rect(w * 0.65, h * (0.52 + i * 0.025), w * between(ctx, 0.1, 0.22), h * 0.006, "#e8e4d8", ` opacity="0.7"`));
      for (const x of [0.2, 0.5, 0.8]) out.push(pendant(ctx, w * x, h * 0.1));
      return out.join("\n");
    },
  },
  office: {
    wall: "#dfe4ea",
    floor: "#6d7480",
    window: [0.05, 0.1, 0.9, 0.42],
    furnish: (ctx, floorY) => {
      const { w, h } = ctx;
      const out: string[] = [];
      for (const [x, y, s] of [
        [0.05, 0.7, 0.5],
        [0.55, 0.72, 0.42],
      ]) {
        const dw = w * s;
        out.push(
          rect(w * x, h * y, dw, h * 0.015, inside(ctx, "#f2f2f2")),
          rect(w * x + dw * 0.1, h * y, dw * 0.04, floorY - h * y, inside(ctx, "#3a3f47")),
          rect(w * x + dw * 0.86, h * y, dw * 0.04, floorY - h * y, inside(ctx, "#3a3f47")),
        );
        out.push(
          rect(w * x + dw * 0.3, h * y - h * 0.09, dw * 0.4, h * 0.08, inside(ctx, "#1e2229")),
          rect(w * x + dw * 0.32, h * y - h * 0.085, dw * 0.36, h * 0.07, night(ctx) ? "#7fb4ff" : "#9fc3e8", ` opacity="0.8"`),
        );
      }
      out.push(
        `<ellipse cx="${r(w * 0.9)}" cy="${r(h * 0.62)}" rx="${r(w * 0.08)}" ry="${r(h * 0.07)}" fill="${inside(ctx, "#3f7a4a")}"/>`,
        rect(w * 0.86, h * 0.66, w * 0.08, h * 0.08, inside(ctx, "#c4a27a")),
      );
      return out.join("\n");
    },
  },
  classroom: {
    wall: "#e8dcc0",
    floor: "#9c7650",
    window: [0.68, 0.14, 0.28, 0.3],
    furnish: (ctx, floorY) => {
      const { w, h } = ctx;
      const out = [rect(w * 0.06, h * 0.16, w * 0.56, h * 0.26, inside(ctx, "#8a6a45")), rect(w * 0.08, h * 0.175, w * 0.52, h * 0.23, inside(ctx, "#2f4a3c"))];
      for (let i = 0; i < 5; i++) out.push(rect(w * 0.12, h * (0.2 + i * 0.035), w * between(ctx, 0.15, 0.4), h * 0.005, "#f1efe6", ` opacity="0.75"`));
      for (let row = 0; row < 2; row++) {
        const y = h * (0.68 + row * 0.12);
        const dw = w * (0.26 + row * 0.06);
        for (let x = w * 0.05; x + dw < w; x += dw * 1.3)
          out.push(
            rect(x, y, dw, h * 0.018, inside(ctx, "#c79a62")),
            rect(x + dw * 0.1, y, dw * 0.05, Math.min(floorY, y + h * 0.08) - y, inside(ctx, "#4a4a4a")),
          );
      }
      return out.join("\n");
    },
  },
  home: {
    wall: "#d9c9b6",
    floor: "#8a6a4e",
    window: [0.55, 0.14, 0.36, 0.34],
    furnish: (ctx, floorY) => {
      const { w, h } = ctx;
      const y = h * 0.66;
      const sofa = inside(ctx, ["#5a7d9a", "#9a5a5a", "#6a8a5a"][Math.floor(ctx.rand() * 3)]);
      const out = [`<ellipse cx="${r(w * 0.5)}" cy="${r(floorY + h * 0.08)}" rx="${r(w * 0.45)}" ry="${r(h * 0.05)}" fill="${inside(ctx, "#b58a5e")}"/>`];
      out.push(
        rect(w * 0.08, y, w * 0.7, h * 0.12, sofa, ` rx="${r(w * 0.03)}"`),
        rect(w * 0.08, y - h * 0.06, w * 0.7, h * 0.08, mix(sofa, "#000000", 0.15), ` rx="${r(w * 0.03)}"`),
      );
      out.push(rect(w * 0.12, h * 0.22, w * 0.3, h * 0.16, inside(ctx, "#6e5a48")), rect(w * 0.135, h * 0.23, w * 0.27, h * 0.14, inside(ctx, "#c7b08a")));
      out.push(`<path d="M${r(w * 0.86)} ${r(floorY)} L${r(w * 0.86)} ${r(h * 0.46)}" stroke="${inside(ctx, "#2b2b2b")}" stroke-width="${r(w * 0.008)}"/>`);
      out.push(
        `<path d="M${r(w * 0.8)} ${r(h * 0.5)} L${r(w * 0.92)} ${r(h * 0.5)} L${r(w * 0.89)} ${r(h * 0.44)} L${r(w * 0.83)} ${r(h * 0.44)}Z" fill="${inside(ctx, "#efe1c2")}"/>`,
      );
      if (night(ctx)) out.push(`<circle cx="${r(w * 0.86)}" cy="${r(h * 0.48)}" r="${r(Math.min(w, h) * 0.35)}" fill="url(#lamp)"/>`);
      return out.join("\n");
    },
  },
};

/** A room: back wall, a window showing the sky and weather outside, floor, then the room's furniture. */
function room(kind: Room) {
  return (ctx: Ctx): string => {
    const { w, h } = ctx;
    const floorY = h * 0.86;
    const [wx, wy, ww, wh] = kind.window;
    const win = { x: w * wx, y: h * wy, w: w * ww, h: h * wh };
    const out = [rect(0, 0, w, h, inside(ctx, kind.wall))];
    out.push(`<clipPath id="win"><rect x="${r(win.x)}" y="${r(win.y)}" width="${r(win.w)}" height="${r(win.h)}"/></clipPath>`);
    out.push(
      `<g clip-path="url(#win)">${rect(win.x, win.y, win.w, win.h, "url(#skybox)")}${celestial(ctx, win.y + win.h * 2)}${clouds(ctx, win.y + win.h)}${skyline(ctx, win)}${weather(ctx, win)}</g>`,
    );
    const frame = inside(ctx, "#f5f1ea", 0.1);
    const bar = Math.max(2, w * 0.012);
    out.push(`<rect x="${r(win.x)}" y="${r(win.y)}" width="${r(win.w)}" height="${r(win.h)}" fill="none" stroke="${frame}" stroke-width="${r(bar * 1.5)}"/>`);
    out.push(rect(win.x + win.w / 2 - bar / 2, win.y, bar, win.h, frame), rect(win.x, win.y + win.h / 2 - bar / 2, win.w, bar, frame));
    if (!night(ctx) && ctx.style.weather === "clear") {
      out.push(
        `<polygon points="${r(win.x)},${r(win.y + win.h)} ${r(win.x + win.w)},${r(win.y + win.h)} ${r(win.x + win.w * 1.3)},${r(floorY)} ${r(win.x + win.w * 0.2)},${r(floorY)}" fill="url(#beam)" opacity="0.6"/>`,
      );
    }
    out.push(rect(0, floorY, w, h - floorY, inside(ctx, kind.floor)));
    out.push(kind.furnish(ctx, floorY));
    return out.join("\n");
  };
}

/** Rooftops seen through the window, lit windows at night. */
function skyline(ctx: Ctx, win: { x: number; y: number; w: number; h: number }): string {
  const out: string[] = [];
  const base = win.y + win.h;
  const color = lit("#7c8799", ctx.style.palette, 0.1);
  for (let x = win.x; x < win.x + win.w;) {
    const bw = win.w * between(ctx, 0.08, 0.2);
    const bh = win.h * between(ctx, 0.15, 0.45);
    out.push(rect(x, base - bh, bw + 1, bh, color));
    if (night(ctx))
      for (let i = 0; i < 3; i++)
        out.push(rect(x + bw * between(ctx, 0.1, 0.8), base - bh * between(ctx, 0.2, 0.9), bw * 0.1, bh * 0.06, ctx.style.palette.lamp));
    x += bw;
  }
  return out.join("");
}

/** A stage: dark house, spotlight beams and confetti over a lit floor. */
function stage(ctx: Ctx): string {
  const { w, h } = ctx;
  const floor = h * 0.8;
  const out = [rect(0, 0, w, h, "#0b0a14"), rect(0, floor, w, h - floor, inside(ctx, "#3a2a3a"))];
  out.push(`<ellipse cx="${r(w / 2)}" cy="${r(floor + h * 0.04)}" rx="${r(w * 0.4)}" ry="${r(h * 0.06)}" fill="url(#glow)" opacity="0.7"/>`);
  const beams = 4 + Math.floor(ctx.rand() * 3);
  for (let i = 0; i < beams; i++) {
    const top = w * ((i + 0.5) / beams);
    const target = w * between(ctx, 0.3, 0.7);
    const spread = w * between(ctx, 0.05, 0.1);
    out.push(
      `<polygon points="${r(top - w * 0.01)},0 ${r(top + w * 0.01)},0 ${r(target + spread)},${r(floor)} ${r(target - spread)},${r(floor)}" fill="url(#beam)"/>`,
    );
  }
  const colors = ["#ff5d8f", "#ffd166", "#06d6a0", "#4cc9f0"];
  for (let i = 0; i < 80; i++) {
    const s = Math.min(w, h) * between(ctx, 0.008, 0.018);
    out.push(
      rect(
        ctx.rand() * w,
        ctx.rand() * floor,
        s,
        s * 0.5,
        colors[i % colors.length],
        ` opacity="0.9" transform="rotate(${Math.floor(ctx.rand() * 180)} ${r(ctx.rand() * w)} ${r(ctx.rand() * h)})"`,
      ),
    );
  }
  return out.join("\n");
}

export const ROOMS: Partial<Record<Setting, (ctx: Ctx) => string>> = {
  ...Object.fromEntries(Object.entries(FURNISHED).map(([k, v]) => [k, room(v)])),
  stage,
};
