import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { pageIn, readJson, route } from "@/lib/api/route";
import { issueApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { requirePrincipal } from "@/lib/auth/principal";
import { apiTokenInput } from "@/lib/validation/api-tokens";

/** Creates a token; `token` is in this response only (the server keeps its hash). */
export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = apiTokenInput.parse(await readJson(req));
  const t = await issueApiToken(getDb(), p, input);
  return Response.json(
    { id: t.id, name: t.name, prefix: t.prefix, token: t.token, created_at: t.createdAt.toISOString() },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const page = pageIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  const rows = await listApiTokens(getDb(), p.workspaceId, page);
  return Response.json(
    rows.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      created_at: t.createdAt.toISOString(),
      last_used_at: t.lastUsedAt?.toISOString() ?? null,
    })),
  );
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
