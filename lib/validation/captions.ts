import { z } from "zod";
import { CAPTION_PRESETS } from "@/lib/composition/timeline";
import { text } from "./text";

/** A language code: "en", "pt-BR", "zh-Hant" (ISO 639-1 with an optional region or script). */
export const LANGUAGE_PATTERN = /^[a-z]{2}(?:[-_](?:[A-Za-z]{2}|[A-Za-z]{4}|\d{3}))?$/;

export const captionLanguageSchema = (label = "language") =>
  text({ label, max: 16 }).regex(LANGUAGE_PATTERN, `${label} must be a language code such as en or pt-BR`);

export const CAPTION_POSITIONS = ["bottom", "center", "top"] as const;
export type CaptionPosition = (typeof CAPTION_POSITIONS)[number];

/** Named colours a caller may give besides #rrggbb. */
export const CAPTION_COLOR_NAMES: Record<string, string> = { white: "#ffffff", yellow: "#ffd60a", black: "#000000" };

/** "white", "yellow", "black" or #rrggbb, as #rrggbb. */
export const captionColorSchema = (label = "color") =>
  text({ label, max: 20 })
    .transform((v) => CAPTION_COLOR_NAMES[v.toLowerCase()] ?? v.toLowerCase())
    .refine((v) => /^#[0-9a-f]{6}$/.test(v), `${label} must be white, yellow, black or #rrggbb`);

/** How burned-in captions look: size in pixels of the output (absent: about 5.5% of its height), colour, place, look. */
export const burnStyleSchema = z.object({
  fontSize: z.number().int().min(8).max(300).optional(),
  color: z.string().regex(/^#[0-9a-f]{6}$/),
  position: z.enum(CAPTION_POSITIONS),
  preset: z.enum(CAPTION_PRESETS),
});
export type BurnStyle = z.infer<typeof burnStyleSchema>;

export const DEFAULT_BURN_STYLE: BurnStyle = { color: "#ffffff", position: "bottom", preset: "plain" };

/** Caption lines as the studio's editor saves them (ms). */
export const captionEditSchema = z
  .array(
    z
      .object({
        text: text({ label: "Caption text", max: 500, min: 1 }),
        startMs: z
          .number({ error: "Start must be a time" })
          .int()
          .min(0, "Start cannot be negative")
          .max(30 * 60_000, "Start is past 30 minutes"),
        endMs: z
          .number({ error: "End must be a time" })
          .int()
          .min(0)
          .max(30 * 60_000, "End is past 30 minutes"),
      })
      .refine((s) => s.endMs > s.startMs, { message: "End must come after start", path: ["endMs"] }),
  )
  .max(2000, "At most 2000 caption lines");
export type CaptionEdit = z.infer<typeof captionEditSchema>;
