/** UTC calendar days (YYYY-MM-DD) and inclusive ranges of them: pure, so the analytics page's client code can use them too. */

/** Inclusive UTC calendar days, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

/** A UTC calendar day, YYYY-MM-DD. */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

export const rangeLength = (r: DayRange) => Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000) + 1;
