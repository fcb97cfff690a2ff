import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { POST as createTwin } from "@/app/api/v1/public/twins/route";
import { getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { createApiToken } from "@/lib/auth/tokens";
import { updateCharacter } from "@/lib/characters/service";
import { makeAccount, makePhoto } from "@/lib/test/factories";

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

export type ApiClient = Awaited<ReturnType<typeof apiClient>>;

/**
 * A twin made through the API, with a photo set as the studio sets it (the seed's twins have none;
 * avatar renders and reels animate it).
 */
export async function twinWithPhoto(client: ApiClient, body: Record<string, unknown> = { name: "Tech Creator", voice_id: "en-US-Neural2-A" }) {
  const twin = await client.call(createTwin, "/api/v1/public/twins", { method: "POST", body });
  expect(twin.status).toBe(201);
  const [row] = await getDb()
    .select()
    .from(characters)
    .where(eq(characters.publicId, twin.body.id as string));
  await updateCharacter(getDb(), { workspaceId: client.account.workspaceId, characterId: row.id, patch: {}, photo: { buffer: await makePhoto(320, 400) } });
  return { id: twin.body.id as string, characterId: row.id };
}
