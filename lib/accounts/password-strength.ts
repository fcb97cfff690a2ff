import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses; 0 to 2 are the common passwords, names and keyboard walks. */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | null = null;

// Built on first use: ranking the dictionaries takes a moment that a worker or the CLI never needs.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // The matchers' time grows steeply with length and with l33t look-alikes: on a crafted
    // 200-character password the defaults spend seconds of CPU. The first 64 characters and a
    // few substitutions still recognise every common password and its l33t spellings.
    maxLength: 64,
    l33tMaxSubstitutions: 8,
  });
  return factory;
}

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

const sentence = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Whether a new password is hard enough to guess, and if not, why (a sentence that a caller
 * puts after "password is too weak: ") in words a person can act on.
 * `related` are the account's own words (email, name): a password built from them is weak too.
 */
export function checkPasswordStrength(password: string, related: Array<string | null | undefined> = []): PasswordVerdict {
  // The whole value, an email's local part, and each word of either.
  const words = related.flatMap((w) => (w ? [w, w.split("@")[0], ...w.split(/[^\p{L}\p{N}]+/u)] : [])).filter((w) => w.length >= 3);
  const result = estimator().check(password, words);
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const { warning, suggestions } = result.feedback;
  const why = warning ? sentence(warning) : "it would be easy to guess.";
  const advice = suggestions[0] ?? "Add another word or two that are less common.";
  return { ok: false, reason: `${why} ${advice}` };
}
