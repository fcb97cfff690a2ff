import { z } from "zod";
import { jsonObject } from "./json";
import { text } from "./text";

/** How many `{placeholders}` one job may fill. */
export const MAX_DYNAMIC_VARIABLES = 200;

/**
 * Values for a videoCreative's `{placeholders}`: names are what a placeholder can be written as,
 * values what a script may say (numbers and booleans are written as text).
 */
export const dynamicVariablesSchema = z
  .record(
    text({ label: "a dynamicVariables name", max: 64, untrimmed: true }),
    z.union([text({ label: "a dynamicVariables value", max: 5000, untrimmed: true }), z.number(), z.boolean()], {
      error: "each dynamicVariables value must be a string, a number or a boolean",
    }),
    { error: "dynamicVariables must be an object of names and values" },
  )
  .refine((v) => Object.keys(v).length <= MAX_DYNAMIC_VARIABLES, `dynamicVariables may name at most ${MAX_DYNAMIC_VARIABLES} variables`)
  .transform((v) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])));

/**
 * A videoCreative as submitted: any object that can be stored as sent (the engine parses it as a
 * timeline after its variables are filled, naming the failing path); its size is bounded by the
 * request body's.
 */
export const videoCreativeSchema = (label: string) => jsonObject({ label, required: `${label} is required and must be an object` });
