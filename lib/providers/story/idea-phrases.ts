/**
 * Reads the idea's own noun phrases ("a Lisbon street-food tour", "my grandmother's garden",
 * "a cat who steals socks") so the planner can say them back instead of one key noun.
 */

/** How the idea is built, in its own words. Every phrase is bare: no leading article. */
export interface IdeaPhrases {
  /** The idea's head noun phrase, possessive kept ("startup founder's launch day"). */
  head: string;
  /** The head without its owner ("launch day"); equals `head` when there is no possessive. */
  core: string;
  /** Whose it is ("startup founder", "grandmother"), from "X's ...". */
  owner?: string;
  /** The determiner the idea put before the head, lower case ("a", "my"). */
  det?: string;
  /** What the head is of/about/for ("coffee grinder", "Roman aqueducts", "lemon tart"). */
  thing?: string;
  /** The determiner the idea gave `thing` ("the" in "about the Roman aqueducts"). */
  thingDet?: string;
  /** The idea's words after the head, as written ("for lemon tart", "who steals socks"). */
  tail?: string;
  /** Verb phrase of a "who ..." clause ("steals socks"). */
  clause?: string;
  /** Capitalised words that are not sentence starts (Lisbon, Berlin, Roman). */
  names: string[];
}

const DETS = new Set("a an the my our his her their your this that one some".split(" "));
const PREPS = new Set(
  "in at on of about for with from to into during through across around by near under over after before while until as inside outside".split(" "),
);
const RELATIVE = new Set(["who", "that", "which", "whose"]);
const ATTACH = new Set(["of", "about", "for", "with"]);
const MAX_HEAD = 5;

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'-]*|[,.;:!?]/gu;
const lower = (w: string) => w.toLowerCase();

/** A bare noun phrase from `words[start]` up to a boundary; at most `max` words. */
function nounPhrase(words: string[], start: number, max: number, isVerb: (w: string) => boolean): { phrase: string[]; end: number } {
  let i = start;
  while (i < words.length && DETS.has(lower(words[i]))) i++;
  const phrase: string[] = [];
  while (i < words.length && phrase.length < max) {
    const w = words[i];
    const lw = lower(w);
    if (/^[,.;:!?]$/.test(w) || PREPS.has(lw) || RELATIVE.has(lw) || lw === "and" || lw === "or" || (phrase.length > 0 && isVerb(lw))) break;
    phrase.push(w);
    i++;
    if (/'s$/i.test(w) && phrase.length >= 1 && i < words.length && /^[,.;:!?]$/.test(words[i])) break;
  }
  return { phrase, end: i };
}

const strip = (w: string) => w.replace(/'s$/i, "").replace(/'$/, "");

/** Never throws; an idea it cannot read gives an empty head. `isVerb` ends a phrase at its verb. */
export function readPhrases(text: string, isVerb: (word: string) => boolean = () => false): IdeaPhrases {
  const words = text.match(WORD) ?? [];
  const names = words.filter((w, i) => i > 0 && /^\p{Lu}/u.test(w) && w !== "I" && !/^[,.;:!?]$/.test(words[i - 1])).map(strip);
  const opener = lower(words[0] ?? "");
  const det = DETS.has(opener) ? opener : undefined;
  const { phrase, end } = nounPhrase(words, 0, MAX_HEAD, isVerb);
  // A sentence-initial capital is not part of the phrase's meaning ("Climbing" -> "climbing").
  const first = phrase[0] ?? "";
  if (first && !det && !names.includes(first) && !/^\p{Lu}{2,}$/u.test(first)) phrase[0] = lower(first);
  const ownerAt = phrase.findIndex((w) => /'s?$/i.test(w) && /'/.test(w));
  const owner =
    ownerAt >= 0
      ? phrase
          .slice(0, ownerAt + 1)
          .map(strip)
          .join(" ")
      : undefined;
  const core = ownerAt >= 0 && ownerAt < phrase.length - 1 ? phrase.slice(ownerAt + 1).join(" ") : phrase.map(strip).join(" ");
  const head = phrase.join(" ").replace(/'$/, "");

  let thing: string | undefined;
  let thingDet: string | undefined;
  let tail: string | undefined;
  let clause: string | undefined;
  const next = words[end] ? lower(words[end]) : "";
  if (ATTACH.has(next)) {
    const np = nounPhrase(words, end + 1, 4, isVerb);
    if (np.phrase.length) {
      thing = np.phrase.map(strip).join(" ");
      thingDet = DETS.has(lower(words[end + 1])) ? lower(words[end + 1]) : undefined;
      tail = words.slice(end, np.end).join(" ");
    }
  } else if (RELATIVE.has(next)) {
    const rest: string[] = [];
    for (let i = end + 1; i < words.length && rest.length < 6 && !/^[,.;:!?]$/.test(words[i]); i++) rest.push(words[i]);
    if (rest.length) {
      clause = rest.join(" ");
      tail = `${next} ${clause}`;
      const object = nounPhrase(rest, 1, 3, isVerb).phrase;
      if (object.length) thing = object.map(strip).join(" ");
    }
  }
  return { head, core, owner, det, thing, thingDet, tail, clause, names: [...new Set(names)] };
}
