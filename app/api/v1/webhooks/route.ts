import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { pageIn, readJson, route } from "@/lib/api/route";
import { endpointOut } from "@/lib/api/studio/webhooks";
import { requirePrincipal } from "@/lib/auth/principal";
import { createEndpointInput } from "@/lib/validation/webhooks";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/service";

/** Registers an endpoint for the workspace's events; its signing secret is shown once. */
export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = createEndpointInput.parse(await readJson(req));
  const endpoint = await createEndpoint(getDb(), p, input);
  return Response.json(endpointOut(endpoint, { withSecret: true }), { status: 201 });
});

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const page = pageIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json((await listEndpoints(getDb(), { workspaceId: p.workspaceId, ...page })).map((e) => endpointOut(e)));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
