/** The methods a route file may serve; Next.js adds HEAD (from GET) itself. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type Handler = (req: Request) => Response;

const notAllowed = new WeakSet<object>();

/** Whether a route export is one of otherMethods' 405 answers rather than an endpoint. */
export const isMethodNotAllowed = (handler: unknown) => typeof handler === "function" && notAllowed.has(handler);

/**
 * The rest of a route file's methods: each answers a JSON 405 in the dialects' shape (FastAPI's
 * words) naming the methods it does serve, and OPTIONS lists them. Next.js would answer a method
 * a route does not export with an empty 405. Every route file ends with, e.g.,
 * `export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });`
 * (lib/api/fuzz.test.ts fails on a route that leaves one out).
 */
export function otherMethods(
  served: Partial<Record<HttpMethod, unknown>>,
  /** Sent with every answer, e.g. a dialect's CORS headers, so a browser caller can read the 405. */
  headers: Record<string, string> = {},
): Record<HttpMethod | "OPTIONS", Handler> {
  const allow = HTTP_METHODS.filter((m) => served[m]).join(", ");
  const refuse: Handler = () =>
    Response.json({ detail: "Method Not Allowed", code: "method_not_allowed" }, { status: 405, headers: { ...headers, Allow: allow } });
  notAllowed.add(refuse);
  const options: Handler = () => new Response(null, { status: 204, headers: { ...headers, Allow: `${allow}, OPTIONS` } });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}

/**
 * What app/api/[...path] answers for every method: a path under /api that no route serves is a
 * JSON 404 in the dialects' shape, never Next.js's HTML page.
 */
export const unknownRoute: Handler = () => Response.json({ detail: "Not Found", code: "not_found" }, { status: 404 });
