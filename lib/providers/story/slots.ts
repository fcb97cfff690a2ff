import { sliceText } from "@/lib/format";
import type { StoryCharacter } from "./index";
import type { ParsedIdea } from "./idea-parser";

/** Phrases every template may use; optional ones are missing when the idea did not supply them. */
export interface Slots {
  name: string;
  role?: string;
  aRole?: string;
  subject: string;
  theSubject: string;
  from?: string;
  aFrom?: string;
  to?: string;
  theTo?: string;
  action?: string;
  locale?: string;
  kind: ParsedIdea["kind"];
}

const MASS_NOUNS = new Set(
  ("nothing scratch zero rags riches coffee sourdough music art bread snow water money love hope " + "success freedom chaos gold fame everything").split(" "),
);
const DETERMINER = /^(a|an|the|my|our|his|her|their|your|this|that|some)\s/i;

// Proper nouns, acronyms and non-Latin text read wrong with an English article in front.
const takesNoArticle = (np: string) => DETERMINER.test(np) || /^\p{Lu}/u.test(np) || /[^\p{Script=Latin}\p{N}\s'-]/u.test(np);

export function withThe(np: string): string {
  return takesNoArticle(np) ? np : `the ${np}`;
}

export function withA(np: string): string {
  if (takesNoArticle(np)) return np;
  const head = np.split(" ").pop()!.toLowerCase();
  if (MASS_NOUNS.has(np.toLowerCase()) || (/s$/.test(head) && !/ss$/.test(head))) return np;
  return /^[aeiou]/i.test(np) ? `an ${np}` : `a ${np}`;
}

export const cap = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Keeps prompts readable when a character description is an essay. */
export function clip(text: string, maxChars: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= maxChars) return t;
  const cut = sliceText(t, maxChars);
  const lastSpace = cut.lastIndexOf(" ");
  return (lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, "");
}

export function buildSlots(idea: ParsedIdea, character: StoryCharacter): Slots {
  const name = clip(character.name, 80) || "The narrator";
  const subject = idea.subject ?? idea.keyNouns[0] ?? "this dream";
  return {
    name,
    role: idea.role,
    aRole: idea.role ? withA(idea.role) : undefined,
    subject,
    theSubject: withThe(subject),
    from: idea.from,
    aFrom: idea.from ? withA(idea.from) : undefined,
    to: idea.to,
    theTo: idea.to ? withThe(idea.to) : undefined,
    action: idea.action,
    locale: idea.locale,
    kind: idea.kind,
  };
}

/** FNV-1a: a stable 32-bit hash so "randomness" is a pure function of the input. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Picks from a list by seed and a salt, so different scenes pick independently. */
export function pick<T>(list: readonly T[], seed: number, salt: number | string): T {
  return list[hash(`${seed}:${salt}`) % list.length];
}
