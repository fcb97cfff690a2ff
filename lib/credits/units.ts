/**
 * Credits and their hundredths: the ledger keeps hundredths (integers, exact for fractional
 * prices such as 0.3 credits a scene); people and the API read credits. Pure, so pages can use it.
 */

/** Whole or fractional credits as hundredths (1.2 -> 120), rounded to the nearest hundredth. */
export const toHundredths = (credits: number) => Math.round(credits * 100);

/** Hundredths as credits (120 -> 1.2). */
export const fromHundredths = (hundredths: number) => hundredths / 100;

/** Hundredths as people read them: "1.2", "10", "0.05". */
export const formatCredits = (hundredths: number) => String(fromHundredths(hundredths));
