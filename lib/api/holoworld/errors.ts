import { routeWith, type DialectWords } from "../route";

/**
 * The studio (Holoworld) dialect's error words. The seed documents no error body, so the shared
 * `{ detail, code, field, errors }` shape is kept. A character is an "agent" here, and the
 * domain's scene fields sit where the seed's render payload has them.
 */
export const holoworldWords: DialectWords = {
  paths: [
    [/(?<!renderPayload\.)\bscenes\.(\d+)\.characterId\b/g, "renderPayload.scenes.$1.modelConfig.id"],
    [/(?<!renderPayload\.)\bscenes\.(\d+)\.backgroundSource\b/g, "renderPayload.scenes.$1.background.source"],
    [/(?<!renderPayload\.)\bscenes\.(\d+)\.(text|includeOutro)\b/g, "renderPayload.scenes.$1.$2"],
    [/(?<![\w.])brainrotClip\b/g, "renderPayload.brainrotClip"],
  ],
  nouns: [
    [/\bCharacter(s?)\b(?!-)/g, "Agent$1"],
    // "at most 2000 characters" counts letters: a number before it keeps the word.
    [/(?<!\d )\bcharacter(s?)\b(?!-)/g, "agent$1"],
  ],
};

/** Route wrapper of the studio endpoints: errors in its words. */
export const route = routeWith(holoworldWords);
