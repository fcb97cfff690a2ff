import { readPhrases, type IdeaPhrases } from "./idea-phrases";
import { MOODS, SETTINGS, TIME_WORDS, WEATHER_WORDS, type MoodDef, type SettingDef, type TimeOfDay, type Weather } from "./vocabulary";

export type IdeaKind = "journey" | "day-in-life" | "how" | "general";

/**
 * How the narrator stands to the idea: shows it to the viewer ("guide": tours, lessons, demos,
 * recipes), watches someone else ("portrait": a cat who steals socks, my grandmother's garden)
 * or lives it ("story").
 */
export type Genre = "guide" | "portrait" | "story";

/** What the offline planner could read out of a free-text story idea. */
export interface ParsedIdea {
  kind: IdeaKind;
  /** Cleaned idea text (symbols stripped, all-caps lowered). */
  text: string;
  /** Who the character plays, bare ("startup founder"). */
  role?: string;
  from?: string;
  to?: string;
  /** Infinitive verb phrase of a "how I learned to ..." idea ("bake sourdough"). */
  action?: string;
  /** Main thing the story is about, bare noun phrase. */
  subject?: string;
  keyNouns: string[];
  settings: SettingDef[];
  /** Proper place name after "in"/"at" ("Bangkok"). */
  locale?: string;
  time?: TimeOfDay;
  mood?: MoodDef;
  weather?: Weather;
  firstPerson: boolean;
  /** The idea's own noun phrases; `head` is empty when the idea does not open with one. */
  phrases: IdeaPhrases;
  genre: Genre;
}

const STOP = new Set(
  (
    "a an the and or but so of in on at to from for with without into onto over under about after before " +
    "by as is are was were be been being am it its it's this that these those there their they them he she " +
    "his her him we our us you your i me my mine myself who whom whose which what when where why how while " +
    "than then just very really also only even ever not no yes all any some each every one two three four five " +
    "into through across between during until within upon via per out up down off again more most much many " +
    "day life story time times way thing things something someone journey tale video film short part first last " +
    "next new old big small tiny little great good bad best own same other another such can could will would " +
    "should may might must do does did done have has had get gets got make makes made let lets"
  ).split(" "),
);

const VERBS = new Set(
  (
    "learn learns learning build builds building discover discovers find finds go goes going travel travels " +
    "become becomes try tries start starts opens open meet meets fight fights escape escapes return returns " +
    "lose loses win wins cook cooks bake bakes run runs explore explores search searches leave leaves move moves " +
    "take takes save saves fall falls chase chases want wants need needs decide decides turn turns grow grows " +
    "create creates change changes teach teaches quit quits follow follows face faces chase chases rise rises " +
    "turned grew became began begins begin came comes come went took gave give gives see sees saw show shows " +
    "tries trying overcome overcomes overcame survive survives"
  ).split(" "),
);

// Nouns that end like agent nouns (-er/-or/...) but are not people.
const NOT_PEOPLE = new Set(
  (
    "paper water river computer summer winter tower number letter order color colour door floor mirror error " +
    "flower center centre corner dinner power layer poster chapter career border motor sector factor corridor " +
    "weather thunder silver timber trailer burger printer poster container shelter monitor grinder blender mixer " +
    "charger speaker heater cooler scooter sticker marker timer toaster computer tower"
  ).split(" "),
);
const PEOPLE = new Set(
  (
    "founder chef nurse doctor monk pilot artist robot astronaut knight princess prince king queen hero heroine " +
    "student teen teenager kid child girl boy mom dad mother father family couple friend friends team crew " +
    "parent patient client agent athlete vendor barista scientist engineer developer coder nomad immigrant " +
    "grandma grandpa grandmother grandfather teacher surgeon firefighter soldier detective witch wizard " +
    "creator entrepreneur farmer fisherman dancer singer musician painter photographer cat dog puppy kitten " +
    "explorer traveler traveller student intern ceo owner baker cook mechanic climber surfer runner"
  ).split(" "),
);
const AGENT_SUFFIX = /(er|or|ist|ian|eer|man|woman|ess)$/;

// Capitalised adjectives of origin ("Roman aqueducts") name no place of their own.
const DEMONYM = /(?:ian|ean|ese|ish|ic)$|^(?:roman|greek|french|dutch|thai|german|american|african|mexican|korean|moroccan|cuban|tibetan|swiss)$/i;

const BOUNDARY = new Set(
  ("in at with for while and who that because by on through within as during after before since where when " + "but or which until").split(" "),
);
const DETERMINERS = new Set("a an the one my our his her their your this that some".split(" "));

const tokenize = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'-]*/gu) ?? [];
const bareToken = (t: string) => t.toLowerCase().replace(/'s$/, "").replace(/'$/, "");
const isPersonWord = (w: string) => PEOPLE.has(w) || PEOPLE.has(w.replace(/s$/, "")) || (AGENT_SUFFIX.test(w) && w.length > 4 && !NOT_PEOPLE.has(w));
/** Words in -ed that are not past tenses: "one hundred subscribers" keeps its hundred. */
const NOT_VERBS = new Set("hundred kindred sacred naked wicked beloved rugged ragged crooked jagged wretched talented".split(" "));
const isVerbish = (w: string) => VERBS.has(w) || (w.length > 5 && /ed$/.test(w) && !/eed$/.test(w) && !NOT_VERBS.has(w));

/** Cuts a captured phrase at the first clause boundary and keeps at most `max` words. */
function trimPhrase(raw: string, max = 4): string | undefined {
  const words = raw.trim().split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    const lw = bareToken(w.replace(/[^\p{L}\p{N}'-]/gu, ""));
    if (kept.length > 0 && (BOUNDARY.has(lw) || isVerbish(lw))) break;
    if (lw === "") continue;
    kept.push(w.replace(/[^\p{L}\p{M}\p{N}'-]/gu, ""));
    if (kept.length >= max) break;
  }
  const phrase = kept.join(" ").trim();
  return phrase || undefined;
}

/** Drops a leading determiner so callers can choose their own article. */
export const stripDeterminer = (phrase: string) => {
  const words = phrase.split(" ");
  // "one hundred subscribers" is a number, not "one" of them.
  if (/^one$/i.test(words[0]) && /^(hundred|thousand|million|billion|dozen)$/i.test(words[1] ?? "")) return phrase;
  return words.length > 1 && DETERMINERS.has(words[0].toLowerCase()) ? words.slice(1).join(" ") : phrase;
};

function clean(idea: string): string {
  const text = idea
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[^\p{L}\p{M}\p{N}\s'.,!?;:&-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 1000);
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  // Shouted ideas would otherwise leak SHOUTING into narration and break proper-noun detection.
  return letters >= 6 && upper / letters > 0.6 ? text.toLowerCase().replace(/\bi\b/g, "I") : text;
}

function findRole(text: string): string | undefined {
  const possessive = text.match(/(?:^|\s)(?:a|an|the|one)\s+([\p{L}\s-]{2,40}?)'s?\s+(?:journey|life|day|story|quest|path|first|road|rise|year)/iu);
  if (possessive) return trimPhrase(possessive[1], 3);
  const words = tokenize(text);
  for (let i = 0; i < words.length - 1; i++) {
    if (!["a", "an", "the", "one", "two"].includes(words[i].toLowerCase())) continue;
    const np: string[] = [];
    for (let j = i + 1; j < words.length && np.length < 3; j++) {
      const lw = bareToken(words[j]);
      if (STOP.has(lw) || BOUNDARY.has(lw) || isVerbish(lw)) break;
      np.push(words[j].replace(/'s$/, ""));
      if (/'s$/.test(words[j])) break;
    }
    if (np.length && isPersonWord(bareToken(np[np.length - 1]))) return np.join(" ");
  }
  return undefined;
}

function findSettings(raw: string[]): SettingDef[] {
  // "street-food" names a street and food: hyphenated compounds count by their parts too.
  const tokens = raw.flatMap((t) => (t.includes("-") ? [t, ...t.split("-")] : [t]));
  const found: Array<{ setting: SettingDef; at: number }> = [];
  for (const setting of SETTINGS) {
    const at = tokens.findIndex((t) => setting.keywords.some((k) => t === k || t === `${k}s` || t === `${k}es`));
    if (at >= 0) found.push({ setting, at });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.setting);
}

// "paint" -> "painting", so a one-verb action can stand in as the story's subject.
function gerund(verbPhrase: string): string {
  const [verb, ...rest] = verbPhrase.split(" ");
  const lower = verb.toLowerCase();
  const ing = /[^e]e$/.test(lower) ? `${verb.slice(0, -1)}ing` : /^[^aeiou]*[aeiou][bdgmnpt]$/.test(lower) ? `${verb}${verb.slice(-1)}ing` : `${verb}ing`;
  return [ing, ...rest].join(" ");
}

/**
 * Reads journeys ("from X to Y"), "a day in the life of X", "how I learned to X", the
 * protagonist, places, time of day and mood out of an idea. Never throws; anything it
 * cannot read is simply left undefined.
 */
export function parseIdea(idea: string): ParsedIdea {
  const text = clean(idea);
  const words = tokenize(text);
  const tokens = words.map(bareToken);
  const firstPerson = tokens.some((t) => ["i", "i'm", "my", "me", "we", "our", "myself", "us"].includes(t));

  let kind: IdeaKind = "general";
  let role = findRole(text);
  let from: string | undefined;
  let to: string | undefined;
  let action: string | undefined;

  const journey = text.match(/\bfrom\s+([^,.;!?]+?)\s+(?:to|into|until)\s+([^,.;!?]+)/iu);
  const dayInLife = text.match(/\bday in the life of\s+([^,.;!?]+)/iu);
  const how = text.match(/^\s*(?:this is\s+)?how\s+(?:[\p{L}'-]+\s+){1,3}?to\s+([^,.;!?]+)/iu);
  if (journey) {
    from = trimPhrase(journey[1]);
    to = trimPhrase(journey[2]);
    if (from && to) kind = "journey";
  }
  if (kind === "general" && dayInLife) {
    const who = trimPhrase(dayInLife[1], 4);
    if (who) {
      kind = "day-in-life";
      role = stripDeterminer(who);
    }
  }
  if (kind === "general" && how) {
    action = trimPhrase(how[1], 4);
    if (action) kind = "how";
  }
  const learning = text.match(/\b(?:learns?|learning|learned|learnt|tries|trying|decides|dreams of trying) to\s+([^,.;!?]+)/iu);
  if (kind === "general" && learning) action = trimPhrase(learning[1], 4);

  const named = text.match(/\b(?:in|at|across|around)\s+((?:\p{Lu}[\p{L}'-]+\s?){1,3})/u)?.[1]?.trim();
  const locale = named ?? readPhrases(text).names.find((n) => !DEMONYM.test(n) && !/^\p{Lu}{2,}$/u.test(n));
  const roleWords = new Set(role ? tokenize(role).map(bareToken) : []);
  const keyNouns: string[] = [];
  const seen = new Set<string>();
  words.forEach((w, i) => {
    const t = tokens[i];
    const nonLatin = /[^\p{Script=Latin}\p{N}'-]/u.test(t);
    if ((!nonLatin && t.length < 3) || STOP.has(t) || isVerbish(t) || /ly$/.test(t) || /^\p{N}+$/u.test(t)) return;
    if (seen.has(t) || TIME_WORDS[t]) return;
    seen.add(t);
    // A capital only from starting the sentence is not a proper noun; acronyms keep theirs.
    const display = i === 0 && !/^\p{Lu}{2,}$/u.test(w) ? w.toLowerCase() : w;
    keyNouns.push(display.replace(/'s?$/, ""));
  });

  const nonRole = keyNouns.filter((k) => !roleWords.has(bareToken(k)) && k !== locale);
  const subject =
    kind === "journey"
      ? stripDeterminer(to!)
      : kind === "day-in-life"
        ? "day"
        : action
          ? (nonRole.find((k) => action.toLowerCase().includes(k.toLowerCase()) && !VERBS.has(bareToken(k)) && k.toLowerCase() !== action.toLowerCase()) ??
            gerund(action))
          : (nonRole.find((k) => !/ing$/i.test(k)) ?? nonRole[0] ?? (role ? undefined : keyNouns[0]));

  // A base form after an adjective is usually a noun ("a night chase"); only inflected verbs end the phrase.
  const phrases = readPhrases(text, (w) => (VERBS.has(w) && /(s|ed)$/.test(w)) || (isVerbish(w) && !VERBS.has(w)));
  return {
    kind,
    text,
    role: role ? stripDeterminer(role) : undefined,
    // As the idea says them: "from a tiny village kitchen", "to one hundred subscribers".
    from,
    to,
    action,
    subject,
    keyNouns: keyNouns.slice(0, 12),
    settings: findSettings(tokens),
    locale,
    // "at dawn" says when; "her first morning" may only name the occasion: a time after "at" comes first.
    time: tokens.map((t, i) => (tokens[i - 1] === "at" ? TIME_WORDS[t] : undefined)).find(Boolean) ?? tokens.map((t) => TIME_WORDS[t]).find(Boolean),
    mood: MOODS.find((m) => m.words.some((w) => tokens.includes(w))),
    weather: tokens.map((t) => WEATHER_WORDS[t]).find(Boolean),
    firstPerson,
    phrases,
    genre: genreOf(kind, phrases, tokens),
  };
}

const GUIDE_WORDS = new Set(
  (
    "tour tours lesson lessons class course demo demonstration recipe tutorial guide review unboxing walkthrough explainer history workshop tips " +
    "ad advert commercial promo showcase"
  ).split(" "),
);
const ANIMALS = new Set("cat cats dog dogs puppy kitten horse bird parrot fox owl rabbit hamster goat cow".split(" "));

function genreOf(kind: IdeaKind, phrases: IdeaPhrases, tokens: string[]): Genre {
  if (kind !== "general") return "story";
  const core = phrases.core.toLowerCase().split(/[\s-]+/);
  if (core.some((w) => GUIDE_WORDS.has(w)) || tokens.slice(0, 3).some((w) => GUIDE_WORDS.has(w))) return "guide";
  const mine = phrases.det === "my" || phrases.det === "our";
  if (phrases.clause || (mine && phrases.owner) || core.some((w) => ANIMALS.has(w))) return "portrait";
  return "story";
}

/** Whether a phrase names a person or animal (the idea's protagonist) rather than a thing. */
export const namesSomeone = (phrase: string) => {
  const last = bareToken(phrase.split(/\s+/).pop() ?? "");
  return isPersonWord(last) || ANIMALS.has(last);
};
