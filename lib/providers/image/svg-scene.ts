import { INDOOR, type SceneStyle } from "./scene-style";
import { ROOMS } from "./svg-indoor";
import type { Ctx } from "./svg-kit";
import { OUTDOOR } from "./svg-outdoor";
import { celestial, clouds, weather } from "./svg-sky";

/**
 * Composes the picture as SVG: a sky lit for the time of day, sun or moon and stars, clouds,
 * the setting drawn in layers, weather over it, then a vignette. Pure: the same style and
 * random stream always give the same markup.
 */
export function buildSceneSvg(w: number, h: number, style: SceneStyle, rand: () => number, prompt = ""): string {
  const ctx: Ctx = { w, h, rand, style, words: prompt.toLowerCase() };
  const { sky, light } = style.palette;
  const indoor = INDOOR.has(style.setting);
  const defs = `
    <linearGradient id="sky" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="0" y2="${h}">
      <stop offset="0" stop-color="${sky[0]}"/><stop offset="0.55" stop-color="${sky[1]}"/><stop offset="1" stop-color="${sky[2]}"/>
    </linearGradient>
    <linearGradient id="skybox" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${sky[0]}"/><stop offset="0.55" stop-color="${sky[1]}"/><stop offset="1" stop-color="${sky[2]}"/>
    </linearGradient>
    <radialGradient id="glow"><stop offset="0" stop-color="${light}" stop-opacity="0.9"/>
      <stop offset="0.3" stop-color="${light}" stop-opacity="0.3"/><stop offset="1" stop-color="${light}" stop-opacity="0"/></radialGradient>
    <radialGradient id="lamp"><stop offset="0" stop-color="${style.palette.lamp}" stop-opacity="0.85"/>
      <stop offset="0.25" stop-color="${style.palette.lamp}" stop-opacity="0.3"/><stop offset="1" stop-color="${style.palette.lamp}" stop-opacity="0"/></radialGradient>
    <radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/>
      <stop offset="1" stop-color="#000" stop-opacity="0.45"/></radialGradient>
    <linearGradient id="fog" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#dfe3e8" stop-opacity="0.15"/>
      <stop offset="0.55" stop-color="#dfe3e8" stop-opacity="0.7"/><stop offset="1" stop-color="#dfe3e8" stop-opacity="0.35"/></linearGradient>
    <linearGradient id="beam" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}" stop-opacity="0.5"/>
      <stop offset="1" stop-color="${light}" stop-opacity="0.03"/></linearGradient>`;
  const body = indoor
    ? [ROOMS[style.setting]?.(ctx) ?? ""]
    : [
        `<rect width="${w}" height="${h}" fill="url(#sky)"/>`,
        celestial(ctx, h * 0.5),
        clouds(ctx, h * 0.45),
        OUTDOOR[style.setting]?.(ctx) ?? "",
        weather(ctx),
      ];
  body.push(grade(ctx), `<rect width="${w}" height="${h}" fill="url(#vignette)"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><defs>${defs}</defs>${body.join("\n")}</svg>`;
}

/** A wash of the light's colour, strongest at dawn, sunset and dusk. */
function grade({ w, h, style }: Ctx): string {
  const strength = { dawn: 0.12, morning: 0.05, noon: 0.02, afternoon: 0.08, golden: 0.16, dusk: 0.1, night: 0.04 }[style.time];
  return `<rect width="${w}" height="${h}" fill="${style.palette.light}" opacity="${strength}"/>`;
}
