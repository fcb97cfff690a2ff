import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

/** A schema node of the generated document, walked loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test walks arbitrary JSON Schema
type Json = any;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const API_DIR = path.join(import.meta.dirname, "../../app/api/v1");

/** Every `METHOD /api/v1/...` the route handlers export, path parameters written `{}`. */
function routesOnDisk(dir = API_DIR, prefix = "/api/v1"): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routesOnDisk(full, `${prefix}/${/^\[.+\]$/.test(entry.name) ? "{}" : entry.name}`));
    else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      for (const m of METHODS) if (new RegExp(`export (const|async function|function) ${m}\\b`).test(source)) out.push(`${m} ${prefix}`);
    }
  }
  return out;
}

const doc = openApiDocument("http://test.local");
type Operation = {
  operationId: string;
  responses: Record<string, unknown>;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
};
const operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ path: p, method: m, op: op as Operation })));

describe("the OpenAPI document", () => {
  it("is an OpenAPI 3.1 document whose operations have ids, responses and their path parameters", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.servers[0].url).toBe("http://test.local");
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path: p, op } of operations) {
      expect(Object.keys(op.responses).length, p).toBeGreaterThan(0);
      const declared = (op.parameters ?? [])
        .filter((x) => x.in === "path")
        .map((x) => x.name)
        .sort();
      expect(declared, p).toEqual([...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
    }
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)];
    for (const [, kind, name] of refs) expect((doc.components as Record<string, Record<string, unknown>>)[kind]?.[name], `${kind}/${name}`).toBeDefined();
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("covers every route handler in app/api/v1 (and the dialects outside it)", () => {
    const documented = new Set(operations.map((o) => `${o.method.toUpperCase()} ${o.path.replace(/\{\w+\}/g, "{}")}`));
    // The seed keeps its experimental endpoints outside /v1; so do we.
    const onDisk = [
      ...routesOnDisk(),
      ...routesOnDisk(path.join(API_DIR, "../knowledge-to-draft"), "/api/knowledge-to-draft"),
      // The studio (Holoworld) dialect lives at the seed's own paths.
      ...routesOnDisk(path.join(API_DIR, "../studio"), "/api/studio"),
    ];
    expect(onDisk.length).toBeGreaterThan(30);
    expect(onDisk.filter((r) => !documented.has(r))).toEqual([]);
    // ...and documents nothing that is not served.
    expect([...documented].filter((r) => !onDisk.includes(r))).toEqual([]);
  });

  it("types videoCreative down to the discriminated union of tracks", () => {
    const body = doc.paths["/api/v1/video-generation-jobs"].post as Operation;
    const schema = body.requestBody!.content["application/json"].schema as { properties: Record<string, Json>; required?: string[] };
    expect(schema.required).toContain("videoCreative");
    const creative = schema.properties.videoCreative;
    expect(creative.required).toEqual(expect.arrayContaining(["settings", "scenes"]));
    expect(creative.properties.settings.properties.videoSize.required).toEqual(["width", "height"]);
    const scene = creative.properties.scenes.items;
    expect(Object.keys(scene.properties)).toEqual(expect.arrayContaining(["duration", "intrinsicDurationTrackReference", "transition", "tracks"]));
    const union = scene.properties.tracks.items;
    const variants: Array<{ properties: Record<string, Json> }> = union.oneOf ?? union.anyOf;
    const types = variants.map((v) => v.properties.type.enum?.[0] ?? v.properties.type.const);
    expect(types.sort()).toEqual(["actor", "audio", "captions", "image", "text", "video"]);
    const actor = variants.find((v) => (v.properties.type.enum?.[0] ?? v.properties.type.const) === "actor")!;
    expect(Object.keys(actor.properties)).toEqual(
      expect.arrayContaining(["actor", "text", "speakerId", "audioUrl", "variant", "position", "size", "startTimeGap", "endTimeGap", "referenceId"]),
    );
  });

  it("shows each dialect's own field names and the seed's generated-video fields", () => {
    const story = (doc.paths["/api/v1/stories/create"].post as Operation).requestBody!.content["application/json"].schema as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(story.properties)).toEqual(expect.arrayContaining(["person_id", "story_idea", "num_scenes"]));
    const video = (doc.paths["/api/v1/generated-videos/{video_id}"].get as Operation).responses["200"] as {
      content: Record<string, { schema: { properties: Record<string, { description?: string }> } }>;
    };
    const props = video.content["application/json"].schema.properties;
    expect(props.publicUrl.description).toMatch(/file/);
    expect(props.shareUrl.description).toMatch(/share page/);
  });
});
