import { getDb } from "@/db/client";
import { createApiToken } from "@/lib/auth/tokens";
import { makeAccount } from "@/lib/test/factories";

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** A workspace with an API key, calling route handlers as a script would over HTTP (tests only). */
export async function apiClient(opts: { credits?: number } = {}) {
  const account = await makeAccount(opts);
  const { token } = await createApiToken(getDb(), account, "tests");
  const call = async <P>(handler: Handler<P>, path: string, init: { method?: string; body?: unknown; params?: P; key?: string | null } = {}) => {
    const headers: Record<string, string> = { host: "studio.test" };
    const key = init.key === undefined ? token : init.key;
    if (key !== null) headers["x-api-key"] = key;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    const res = await handler(new Request(`http://studio.test${path}`, { method: init.method ?? "GET", headers, body }), {
      params: Promise.resolve((init.params ?? {}) as P),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & Array<Record<string, unknown>> };
  };
  return { account, token, call };
}
