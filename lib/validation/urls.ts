import { urlProblem } from "@/lib/net/address";
import { text } from "./text";

/** What a refused URL is told, whichever check refused it (lib/net/outbound.ts says the same at delivery). */
export const URL_REFUSED = "not allowed or unreachable";

/** The longest URL any field accepts. */
export const MAX_URL_LENGTH = 2000;

/**
 * A URL the server will request later (a callback, a webhook endpoint, a media file): an absolute
 * http(s) URL whose host is not a literal private address, `localhost` or credentials. Names are
 * resolved and every address checked again when the request is made. It is text() first: the
 * URL parser would percent-encode a NUL, which the column then refuses.
 */
export function publicHttpUrl(messages: { invalid: string; refused: string; label?: string; required?: string }) {
  return text({ label: messages.label ?? "The URL", max: MAX_URL_LENGTH, required: messages.required }).superRefine((raw, ctx) => {
    const problem = urlProblem(raw);
    if (problem) ctx.addIssue({ code: "custom", message: problem === "invalid" ? messages.invalid : messages.refused });
  });
}

/** publicHttpUrl with messages that name the field: "callback must be an absolute http or https URL". */
export const publicHttpUrlField = (field: string) =>
  publicHttpUrl({ label: field, invalid: `${field} must be an absolute http or https URL`, refused: `${field} ${URL_REFUSED}` });
