import { openApiDocument } from "@/lib/api/openapi";

/** Public: the OpenAPI 3.1 document of the REST API, with this server as its base URL. */
export function GET(req: Request) {
  const origin = (process.env.PUBLIC_URL ?? new URL(req.url).origin).replace(/\/+$/, "");
  return Response.json(openApiDocument(origin), { headers: { "Cache-Control": "public, max-age=300" } });
}
