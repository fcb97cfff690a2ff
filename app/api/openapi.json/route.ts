import { otherMethods } from "@/lib/api/methods";
import { openApiDocument } from "@/lib/api/openapi";
import { requestOrigin } from "@/lib/api/route";

/** Public: the OpenAPI 3.1 document of the REST API, with this server as its base URL. */
export function GET(req: Request) {
  const origin = requestOrigin(req);
  return Response.json(openApiDocument(origin), { headers: { "Cache-Control": "public, max-age=300" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
