import { z } from "zod";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type JsonSchema = Record<string, unknown>;

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
}

export interface OperationSpec {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/v1/persons/{person_id}`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** false for endpoints called without credentials (register, login). */
  auth?: boolean;
  /** The zod schema the route parses its body with. */
  request?: z.ZodType;
  requestType?: "application/json" | "application/x-www-form-urlencoded" | "multipart/form-data";
  /** The zod schema the route parses its query string with. */
  query?: z.ZodObject;
  /** Types of path parameters; any not named here is a string. */
  params?: z.ZodObject;
  /** Descriptions of request/query fields whose schemas carry none (keyed by field name). */
  fields?: Record<string, string>;
  responses: Record<number, string | ResponseSpec>;
}

const operations = new Map<string, OperationSpec>();

/** Adds an endpoint to the OpenAPI document. Registering the same method + path twice is a bug. */
export function registerOperation(op: OperationSpec): void {
  const key = `${op.method.toUpperCase()} ${op.path}`;
  if (operations.has(key)) throw new Error(`OpenAPI: ${key} is registered twice`);
  operations.set(key, op);
}

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends or receives. */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  return tidy(rest, io) as JsonSchema;
}

// zod spells out JavaScript's safe-integer range on every int, and closes output objects;
// neither tells a client anything (responses may gain fields).
function tidy(node: unknown, io: "input" | "output"): unknown {
  if (Array.isArray(node)) return node.map((n) => tidy(n, io));
  if (!node || typeof node !== "object") return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === "minimum" || k === "maximum") && Math.abs(v as number) === Number.MAX_SAFE_INTEGER) continue;
    if (k === "additionalProperties" && v === false && io === "output") continue;
    out[k] = tidy(v, io);
  }
  return out;
}

function describeFields(schema: JsonSchema, fields: Record<string, string> | undefined): JsonSchema {
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (!fields || !props) return schema;
  const described = Object.fromEntries(
    Object.entries(props).map(([k, v]) => [k, fields[k] && !v.description ? { description: fields[k], ...v } : v]),
  );
  return { ...schema, properties: described };
}

const errorRef = { $ref: "#/components/schemas/Error" };
function defaultErrors(op: OperationSpec): Record<number, string> {
  const out: Record<number, string> = {};
  if (op.request || op.query) out[400] = "Invalid input: `detail` names the first problem, `errors` lists each field";
  if (op.auth !== false) out[401] = "Missing, invalid, expired or revoked credentials";
  if (op.path.includes("{")) out[404] = "Not found, or it belongs to another workspace";
  return out;
}

function operationObject(op: OperationSpec) {
  const parameters: JsonSchema[] = [];
  const paramSchema = op.params ? toJsonSchema(op.params, "input") : undefined;
  for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
    const schema = (paramSchema?.properties as Record<string, JsonSchema> | undefined)?.[name] ?? { type: "string" };
    parameters.push({ name, in: "path", required: true, schema, ...(op.fields?.[name] ? { description: op.fields[name] } : {}) });
  }
  if (op.query) {
    const q = toJsonSchema(op.query, "input");
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, JsonSchema>)) {
      const description = (schema.description as string | undefined) ?? op.fields?.[name];
      parameters.push({ name, in: "query", required: required.has(name), schema, ...(description ? { description } : {}) });
    }
  }

  const responses: Record<string, JsonSchema> = {};
  const all = { ...defaultErrors(op), ...op.responses };
  for (const [code, spec] of Object.entries(all)) {
    const r = typeof spec === "string" ? { description: spec } : spec;
    const isError = Number(code) >= 400;
    const schema = r.schema ? toJsonSchema(r.schema, "output") : isError ? errorRef : undefined;
    responses[code] = { description: r.description, ...(schema ? { content: { "application/json": { schema } } } : {}) };
  }

  return {
    operationId: `${op.method}${op.path.replace(/^\/api\/v1/, "").replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    ...(op.auth === false ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.request
      ? {
          requestBody: {
            required: true,
            content: { [op.requestType ?? "application/json"]: { schema: describeFields(toJsonSchema(op.request, "input"), op.fields) } },
          },
        }
      : {}),
    responses,
  };
}

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
  serverUrl: string;
  tags: { name: string; description: string }[];
}

/** The OpenAPI 3.1 document of every registered operation, in registration order. */
export function buildOpenApiDocument(info: DocumentInfo) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations.values()) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0" as const,
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: info.serverUrl }],
    tags: info.tags,
    security: [{ bearerAuth: [] }, { apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An API token (`ctw_...`, from Settings → API tokens) or an access token from POST /api/v1/auth/login.",
        },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "An API token (`ctw_...`)." },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["detail"],
          properties: {
            detail: { type: "string", description: "What went wrong, safe to show to a user" },
            code: { type: "string", description: "A stable error code such as not_found" },
            field: { type: "string", description: "The input field at fault, when there is one" },
            errors: {
              type: "array",
              description: "Every invalid field (validation errors only)",
              items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } },
            },
          },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
