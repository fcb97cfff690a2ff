/**
 * Cross-site request forgery checks for what the browser session authenticates. No imports: the
 * proxy (proxy.ts) runs it before any page or server action, and API routes through requirePrincipal.
 */

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const isUnsafeMethod = (method: string) => UNSAFE_METHODS.has(method.toUpperCase());

/** The hosts this studio answers as: PUBLIC_URL's, and the Host (or a proxy's X-Forwarded-Host) the request was sent to. */
function ownHosts(headers: Headers, publicUrl: string | undefined): string[] {
  const hosts = [headers.get("x-forwarded-host")?.split(",")[0], headers.get("host")];
  if (publicUrl) {
    try {
      hosts.push(new URL(publicUrl).host);
    } catch {
      // An unparsable PUBLIC_URL names no host; lib/env refuses it at startup anyway.
    }
  }
  return hosts.flatMap((h) => (h?.trim() ? [h.trim().toLowerCase()] : []));
}

/** `example.com:443` and `example.com` are one host over https: compare as a URL of the origin's scheme would. */
function sameHost(origin: URL, host: string): boolean {
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

/**
 * Whether the request comes from one of this studio's own pages. Browsers send Origin with every
 * POST, PUT, PATCH and DELETE; when it is missing, a browser's Sec-Fetch-Site must say
 * same-origin. A request with neither is refused: no browser this studio supports sends one, and a
 * script has no cookie of ours to send unless its user handed it over (then it should use a token).
 * As in Next.js's own check of server actions, the host is compared, not the scheme: behind a
 * TLS-terminating proxy the server sees http while the browser's origin is https.
 */
export function isSameOrigin(headers: Headers, publicUrl = process.env.PUBLIC_URL): boolean {
  const origin = headers.get("origin");
  if (origin === null) return headers.get("sec-fetch-site") === "same-origin";
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a redirect across origins) and anything unparsable
  }
  return ownHosts(headers, publicUrl).some((host) => sameHost(url, host));
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;

/**
 * Why a request authenticated by the session cookie must be refused, or null to let it through.
 * Safe methods always pass. An unsafe one must come from our own origin and carry its body as
 * JSON (or multipart/form-data where `multipart` says the route takes uploads): the three types a
 * cross-site form or a "simple" fetch may send without asking first (text/plain, urlencoded and
 * multipart) are then refused even if the origin check were ever fooled. A request without a body
 * needs no type.
 */
export function sessionWriteRefusal(req: Request, opts: { multipart?: boolean } = {}): string | null {
  if (!isUnsafeMethod(req.method)) return null;
  if (!isSameOrigin(req.headers)) {
    return "Cross-origin request refused: a change made with the browser session must come from this studio's own pages (scripts use an API token)";
  }
  const type = req.headers.get("content-type") ?? "";
  const length = req.headers.get("content-length");
  const hasBody = (length !== null && length !== "0") || req.headers.has("transfer-encoding");
  if (!type && !hasBody) return null;
  if (JSON_TYPE.test(type) || (opts.multipart && MULTIPART_TYPE.test(type))) return null;
  return opts.multipart
    ? "Send the request as application/json or multipart/form-data: other content types are refused for the browser session"
    : "Send the request body as application/json: other content types are refused for the browser session";
}
