import { sliceText } from "@/lib/format";
import type { StoryCharacter } from "./index";
import { namesSomeone, type Genre, type ParsedIdea } from "./idea-parser";
import { TIME_WORDS } from "./vocabulary";

/** Phrases every template may use; optional ones are missing when the idea did not supply them. */
export interface Slots {
  name: string;
  role?: string;
  aRole?: string;
  subject: string;
  theSubject: string;
  from?: string;
  to?: string;
  action?: string;
  locale?: string;
  kind: ParsedIdea["kind"];
  genre: Genre;
  /** The idea in its own words as the narrator says it ("the Lisbon street-food tour", "my launch day"). */
  topic: string;
  /** The same, as a description says it ("Maya's launch day"). */
  topic3: string;
  /** What the scenes look at: the idea's object ("the lemon tart") or else the topic. */
  focus: string;
  focus3: string;
  /** Someone the narrator watches ("my grandmother", "the cat"), for portrait ideas. */
  other?: string;
  other3?: string;
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
  const topics = topicsFor(idea, name, withThe(subject));
  return {
    ...topics,
    genre: idea.genre,
    name,
    role: idea.role,
    // The character plays the role; an animal or a thing someone else owns is watched, not played.
    aRole: idea.role && idea.genre !== "portrait" && namesSomeone(idea.role) ? withA(idea.role) : undefined,
    subject,
    theSubject: withThe(subject),
    from: idea.from,
    to: idea.to,
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

type Topics = Pick<Slots, "topic" | "topic3" | "focus" | "focus3" | "other" | "other3">;

/** "my X" as a description says it: "Maya's X". */
const third = (phrase: string, name: string) => phrase.replace(/^my /i, `${name}'s `).replace(/\bmy\b/gi, "their");

/** The idea's own phrases, said back: the planner's answer to "what is this story about". */
function topicsFor(idea: ParsedIdea, name: string, theSubject: string): Topics {
  const p = idea.phrases;
  const aRole = idea.role ? withA(idea.role) : undefined;
  let topic: string;
  let other: string | undefined;
  if (idea.kind === "journey") topic = `the road from ${idea.from} to ${idea.to}`;
  else if (idea.kind === "day-in-life") topic = aRole ? `my day as ${aRole}` : "my day";
  else if (idea.kind === "how" && idea.action) topic = `learning to ${idea.action}`;
  else if (!p.head) topic = theSubject;
  else if (p.owner && p.det !== "my" && p.det !== "our" && p.core !== p.head && namesSomeone(p.owner)) topic = `my ${p.core}`;
  else if (p.owner && (p.det === "my" || p.det === "our")) {
    topic = `my ${p.head}`;
    other = `my ${p.owner}`;
  } else if (p.clause) {
    topic = `the ${p.head} ${p.tail}`;
    other = `the ${p.head}`;
  } else if (namesSomeone(p.head)) {
    if (idea.genre === "portrait") other = `${p.det === "my" ? "my" : "the"} ${p.head}`;
    topic = idea.action ? `learning to ${idea.action}` : (other ?? theSubject);
  } else if (!p.det && /ing$/i.test(p.head.split(" ")[0])) topic = p.head;
  // Without an article the "head" may be a foreign sentence or a single word; the parsed subject reads safer.
  else if (!p.det) topic = theSubject;
  else topic = `${p.det === "my" || p.det === "our" ? p.det : "the"} ${p.head}${p.tail ? ` ${p.tail}` : ""}`;

  const thing =
    p.thing && !p.clause ? `${p.thingDet === "my" || p.thingDet === "our" ? p.thingDet : "the"} ${p.thing}` : p.thing ? withThe(p.thing) : undefined;
  const focus = thing ?? guideSubject(idea) ?? topic;
  return { topic, topic3: third(topic, name), focus, focus3: third(focus, name), other, other3: other && third(other, name) };
}

const GUIDE_NOUNS =
  /^(tour|tours|lesson|lessons|class|course|demo|demonstration|recipe|tutorial|guide|review|walkthrough|explainer|workshop|tips|ad|advert|commercial|promo|showcase)$/i;

/** What a tour or lesson is of, from its own head: "Lisbon street-food tour" -> "the street food". */
function guideSubject(idea: ParsedIdea): string | undefined {
  if (idea.genre !== "guide" || !idea.phrases.head) return undefined;
  const words = idea.phrases.core
    .split(/\s+/)
    .filter((w) => !GUIDE_NOUNS.test(w) && !TIME_WORDS[w.toLowerCase()] && !idea.phrases.names.includes(w))
    .map((w) => w.replace(/-/g, " "));
  return words.length ? `the ${words.join(" ")}` : undefined;
}
