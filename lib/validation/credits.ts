import { z } from "zod";
import { allowanceModes } from "@/db/schema/credits";
import { text } from "./text";

/** The most credits one hand-made addition or allowance may be: a typo's extra zeros stop here. */
export const MAX_CREDITS_AT_ONCE = 100_000;

/** Whole credits, 1..MAX_CREDITS_AT_ONCE, with every message naming `label` (a form's string is coerced). */
const wholeCredits = (label: string, min: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .refine(Number.isFinite, `${label} must be a number`)
    .refine(Number.isInteger, `${label} must be a whole number of credits`)
    .refine((n) => n >= min, `${label} must be at least ${min}`)
    .refine((n) => n <= MAX_CREDITS_AT_ONCE, `${label} must be at most ${MAX_CREDITS_AT_ONCE.toLocaleString("en-US")}`);

export const addCreditsInput = z.object({
  amount: wholeCredits("amount", 1),
  note: text({ label: "note", max: 200 }).optional(),
});
export type AddCreditsInput = z.infer<typeof addCreditsInput>;

/** 0 credits turns the allowance off. */
export const setAllowanceInput = z.object({
  credits: wholeCredits("credits", 0),
  mode: z.enum(allowanceModes, { error: "mode must be add or top_up" }),
});
export type SetAllowanceInput = z.infer<typeof setAllowanceInput>;
