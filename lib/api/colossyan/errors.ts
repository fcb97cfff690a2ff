import { routeWith, type DialectWords } from "../route";

/**
 * The video-generation dialect's error words. The seed documents no error body, so the shared
 * `{ detail, code, field, errors }` shape is kept; a studio character is an "actor" here.
 */
export const colossyanWords: DialectWords = {
  fields: { characterId: "actor", photo: "sourceFileUrl" },
  nouns: [
    [/\bCharacter(s?)\b(?!-)/g, "Actor$1"],
    // "at most 1000 characters" counts letters: a number before it keeps the word.
    [/(?<!\d )\bcharacter(s?)\b(?!-)/g, "actor$1"],
  ],
};

/** Route wrapper of the video-generation endpoints: errors in its words. */
export const route = routeWith(colossyanWords);
