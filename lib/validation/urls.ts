import { z } from "zod";
import { urlProblem } from "@/lib/net/address";

/** What a refused URL is told, whichever check refused it (lib/net/outbound.ts says the same at delivery). */
export const URL_REFUSED = "not allowed or unreachable";

/**
 * A URL the server will request later (a callback, a webhook endpoint, a media file): an absolute
 * http(s) URL whose host is not a literal private address, `localhost` or credentials. Names are
 * resolved and every address checked again when the request is made.
 */
export function publicHttpUrl(messages: { invalid: string; refused: string }) {
  return z
    .string()
    .trim()
    .max(2000, "The URL must be at most 2000 characters")
    .superRefine((raw, ctx) => {
      const problem = urlProblem(raw);
      if (problem) ctx.addIssue({ code: "custom", message: problem === "invalid" ? messages.invalid : messages.refused });
    });
}

/** publicHttpUrl with messages that name the field: "callback must be an absolute http or https URL". */
export const publicHttpUrlField = (field: string) =>
  publicHttpUrl({ invalid: `${field} must be an absolute http or https URL`, refused: `${field} ${URL_REFUSED}` });
