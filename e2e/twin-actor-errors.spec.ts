import http from "node:http";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { SignJWT } from "jose";
import { estimateCost } from "../lib/projects/cost";
import { createApiUser, expect, photoPng, test, type ApiUser } from "./fixtures";
import { E2E_AUTH_SECRET } from "./playwright.config";

/**
 * The error paths of the twin.actor dialect that permissions.spec.ts does not already walk, and
 * its list endpoints' paging, filters and scoping. Only the approval test approves a project
 * (one of 2 scenes); the rest costs the server only database work.
 */

const IDEA = "A founder's journey from a garage to launch day";

async function person(request: APIRequestContext, u: ApiUser, name = "Sam") {
  const res = await request.post("/api/v1/persons", { headers: u.headers, data: { name, description: "Chef" } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as number;
}

async function story(request: APIRequestContext, u: ApiUser, personId: number) {
  const res = await request.post("/api/v1/stories/create", { headers: u.headers, data: { person_id: personId, story_idea: IDEA, num_scenes: 2 } });
  expect(res.status()).toBe(201);
  return res.json() as Promise<{ id: number; scenes: Array<{ id: number; narration_text: string }> }>;
}

/** A 4xx in the dialect's shape: FastAPI's `detail`, naming what is wrong. */
async function expectError(res: APIResponse, status: number, detail: RegExp) {
  expect(res.status(), await res.text()).toBe(status);
  const body = await res.json();
  expect(body.detail).toMatch(detail);
  return body;
}

const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

test("stories/create and persons: the documented limits, wrong types and bodies that are not JSON objects", async ({ request }) => {
  const u = await createApiUser(request);
  const personId = await person(request, u);
  const create = (data: unknown) => request.post("/api/v1/stories/create", { headers: u.headers, data: data as object });

  await expectError(await create({ person_id: personId, story_idea: "too short" }), 400, /story_idea/);
  await expectError(await create({ person_id: personId, story_idea: "" }), 400, /story_idea/);
  await expectError(await create({ person_id: personId, story_idea: "x".repeat(1001) }), 400, /story_idea must be at most 1000 characters/);
  await expectError(await create({ person_id: personId, story_idea: IDEA, num_scenes: 1 }), 400, /num_scenes must be at least 2/);
  await expectError(await create({ person_id: personId, story_idea: IDEA, num_scenes: 11 }), 400, /num_scenes/);
  await expectError(await create({ person_id: personId, story_idea: IDEA, num_scenes: 2.5 }), 400, /num_scenes/);
  await expectError(await create({ person_id: personId, story_idea: IDEA, num_scenes: "3" }), 400, /num_scenes/);
  for (const bad of [String(personId), personId + 0.5, null, -1, 0]) {
    await expectError(await create({ person_id: bad, story_idea: IDEA }), 400, /person_id/);
  }
  await expectError(await create({ story_idea: IDEA }), 400, /person_id is required/);
  // Past the int4 range of the id column: Postgres refused the comparison and this was a 500.
  await expectError(await create({ person_id: 2_147_483_648, story_idea: IDEA }), 400, /person_id/);
  await expectError(await create({ person_id: 99_999_999_999, story_idea: IDEA }), 400, /person_id/);
  await expectError(await create([{ person_id: personId, story_idea: IDEA }]), 400, /must be a JSON object/);
  await expectError(await create({ person_id: 999999, story_idea: IDEA }), 404, /Person not found/);
  await expectError(
    await request.post("/api/v1/stories/create", { headers: { ...u.headers, "Content-Type": "application/json" }, data: Buffer.from("{not json") }),
    400,
    /not valid JSON/,
  );

  const photoField = async (res: APIResponse) => expect((await expectError(res, 400, /photo_base64/)).field).toBe("photo_base64");
  const post = (data: object) => request.post("/api/v1/persons", { headers: u.headers, data });
  await photoField(await post({ name: "X", photo_base64: "data:image/jpeg;base64,@@not base64@@" }));
  await photoField(await post({ name: "X", photo_base64: `data:image/jpeg;base64,${Buffer.from("%PDF-1.4 not a photo").toString("base64")}` }));
  await photoField(await post({ name: "X", photo_base64: `data:image/png;base64,${(await photoPng(32, 32)).subarray(0, 40).toString("base64")}` }));
  await photoField(await post({ name: "X", photo_base64: Buffer.from("plain text, not a picture").toString("base64") }));
  await photoField(await post({ name: "X", photo_base64: "***" }));
  const big = Buffer.concat([await photoPng(64, 64), Buffer.alloc(9 * 1024 * 1024)]);
  await expectError(await post({ name: "X", photo_base64: big.toString("base64") }), 400, /too large/);
  await expectError(await post({ name: "X", photo_base64: 12345 }), 400, /photo_base64/);
  await expectError(await post({ description: "no name" }), 400, /name is required/);
  await expectError(await request.post("/api/v1/persons", { headers: u.headers, data: ["Sam"] }), 400, /must be a JSON object/);
  await expectError(
    await request.post("/api/v1/persons", { headers: { ...u.headers, "Content-Type": "application/json" }, data: Buffer.from('{"name": "Sam",') }),
    400,
    /not valid JSON/,
  );

  // A bad photo on update changes nothing either.
  const update = await request.put(`/api/v1/persons/${personId}`, { headers: u.headers, data: { name: "Renamed", photo_base64: "***" } });
  await photoField(update);
  expect(await (await request.get(`/api/v1/persons/${personId}`, { headers: u.headers })).json()).toMatchObject({ name: "Sam", photo_url: null });

  expect(ids(await (await request.get("/api/v1/persons", { headers: u.headers })).json())).toEqual([personId]);
  expect(await (await request.get("/api/v1/scene-projects", { headers: u.headers })).json()).toEqual([]);
});

test("approve and scene edits: confirm_credits must be true, bodies must be JSON objects, edits must say something", async ({ request }) => {
  const u = await createApiUser(request);
  const project = await story(request, u, await person(request, u));
  const approve = (data: unknown) => request.post(`/api/v1/scene-projects/${project.id}/approve`, { headers: u.headers, data: data as object });

  await expectError(await approve({}), 400, /confirm_credits must be true/);
  await expectError(await approve({ video_model: "kling-2.6-pro" }), 400, /confirm_credits must be true/);
  await expectError(await approve({ confirm_credits: "true" }), 400, /confirm_credits must be true/);
  await expectError(await request.post(`/api/v1/scene-projects/${project.id}/approve`, { headers: u.headers }), 400, /confirm_credits must be true/);
  await expectError(await approve([{ confirm_credits: true }]), 400, /must be a JSON object/);
  await expectError(
    await request.post(`/api/v1/scene-projects/${project.id}/approve`, {
      headers: { ...u.headers, "Content-Type": "application/json" },
      data: Buffer.from("{confirm_credits: true}"),
    }),
    400,
    /not valid JSON/,
  );

  const scene = project.scenes[0];
  const put = (data: unknown) => request.put(`/api/v1/scene-projects/${project.id}/scenes/${scene.id}`, { headers: u.headers, data: data as object });
  await expectError(await put({}), 400, /at least one field/);
  await expectError(await put({ narration_text: "   " }), 400, /narration_text/);
  await expectError(await put({ narration_text: "x".repeat(601) }), 400, /narration_text/);
  await expectError(await put([{ narration_text: "array" }]), 400, /must be a JSON object/);
  await expectError(
    await request.put(`/api/v1/scene-projects/${project.id}/scenes/${scene.id}`, {
      headers: { ...u.headers, "Content-Type": "application/json" },
      data: Buffer.from("nope"),
    }),
    400,
    /not valid JSON/,
  );

  const after = await (await request.get(`/api/v1/scene-projects/${project.id}`, { headers: u.headers })).json();
  expect(after.status).toBe("proposed");
  expect(after.scenes[0].narration_text).toBe(scene.narration_text);
  expect((await (await request.get("/api/v1/auth/me", { headers: u.headers })).json()).credits).toBe(1000);
});

test("approval: refused without confirmation, with too few credits and twice; a running project's scenes cannot be edited", async ({ request }) => {
  const u = await createApiUser(request);
  const personId = await person(request, u);
  const story = async (n: number) => {
    const res = await request.post("/api/v1/stories/create", {
      headers: u.headers,
      data: { person_id: personId, story_idea: "A surfer's first dawn session on a wild beach", num_scenes: n },
    });
    expect(res.status()).toBe(201);
    return (await res.json()).id as number;
  };
  const approve = (id: number, data: object) => request.post(`/api/v1/scene-projects/${id}/approve`, { headers: u.headers, data });

  const small = await story(2);
  await expectError(await approve(small, { confirm_credits: false }), 400, /confirm_credits/);

  const first = await approve(small, { confirm_credits: true });
  expect(first.status()).toBe(202);
  expect(await first.json()).toMatchObject({ id: small, status: "generating", progress: 0 });
  await expectError(await approve(small, { confirm_credits: true }), 400, /not in proposed state/);

  // What is left of the 1000-credit grant cannot pay for 10 scenes of about 10 s each.
  const big = await story(10);
  const bigScenes = (await (await request.get(`/api/v1/scene-projects/${big}`, { headers: u.headers })).json()).scenes;
  const left = (await (await request.get("/api/v1/auth/me", { headers: u.headers })).json()).credits;
  expect(
    estimateCost(bigScenes.map((s: { scene_number: number; narration_text: string }) => ({ sceneNumber: s.scene_number, narrationText: s.narration_text })))
      .totalCredits,
  ).toBeGreaterThan(left);
  await expectError(await approve(big, { confirm_credits: true }), 403, /Insufficient credits/);
  // Refused means untouched: the project can still be approved once credits are added.
  const bigStatus = await (await request.get(`/api/v1/scene-projects/${big}/status`, { headers: u.headers })).json();
  expect(bigStatus.status).toBe("proposed");

  const scene = (await (await request.get(`/api/v1/scene-projects/${small}`, { headers: u.headers })).json()).scenes[0];
  const late = await request.put(`/api/v1/scene-projects/${small}/scenes/${scene.id}`, { headers: u.headers, data: { narration_text: "late" } });
  expect(late.status()).toBe(400);
});

test("401: no credentials, a malformed header, a forged, an expired or a foreign token", async ({ request }) => {
  const u = await createApiUser(request);
  const me = await (await request.get("/api/v1/auth/me", { headers: u.headers })).json();
  const secret = new TextEncoder().encode(E2E_AUTH_SECRET);
  const jwt = (claims: { exp: number; aud?: string }, key = secret) =>
    new SignJWT({ wid: me.workspace_id })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(me.id)
      .setAudience(claims.aud ?? "cinetwin-api")
      .setIssuedAt(claims.exp - 3600)
      .setExpirationTime(claims.exp)
      .sign(key);
  const now = Math.floor(Date.now() / 1000);

  // The forging works: the same claims, signed with the server's secret and unexpired, get in.
  expect((await request.get("/api/v1/persons", { headers: { Authorization: `Bearer ${await jwt({ exp: now + 600 })}` } })).status()).toBe(200);

  const bearer = async (token: string) => ({ Authorization: `Bearer ${token}` });
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ["no credentials", {}, /Not authenticated/],
    ["not Bearer", { Authorization: `Basic ${Buffer.from(`${u.email}:${u.password}`).toString("base64")}` }, /Bearer <token>/],
    ["empty Bearer", { Authorization: "Bearer " }, /Bearer <token>|Not authenticated/],
    ["expired", await bearer(await jwt({ exp: now - 60 })), /invalid or expired/],
    ["another secret", await bearer(await jwt({ exp: now + 600 }, new TextEncoder().encode("not-the-server-secret-0123456789"))), /invalid or expired/],
    ["another audience", await bearer(await jwt({ exp: now + 600, aud: "someone-else" })), /invalid or expired/],
    ["tampered", await bearer(u.token.slice(0, -4) + "AAAA"), /invalid or expired/],
  ];
  for (const [name, headers, detail] of cases) {
    for (const [method, path] of [
      ["GET", "/api/v1/persons"],
      ["POST", "/api/v1/stories/create"],
      ["GET", "/api/v1/scene-projects/1/status"],
    ] as const) {
      const res = await request.fetch(path, { method, headers, data: method === "POST" ? { person_id: 1, story_idea: IDEA } : undefined });
      expect(res.status(), `${name}: ${method} ${path}`).toBe(401);
      expect((await res.json()).detail, name).toMatch(detail);
    }
  }
});

test("404: unknown ids, ids that are not numbers, and another user's person, project and scene ids", async ({ request }) => {
  const a = await createApiUser(request);
  const b = await createApiUser(request);
  const aPerson = await person(request, a, "Alex");
  const aProject = await story(request, a, aPerson);
  const bProject = await story(request, b, await person(request, b, "Blair"));
  const aScene = aProject.scenes[0];

  for (const id of ["999999999", "abc", "1.5", "-1", "0", "1e3", "99999999999"]) {
    await expectError(await request.get(`/api/v1/persons/${id}`, { headers: a.headers }), 404, /Person not found/);
    await expectError(await request.put(`/api/v1/persons/${id}`, { headers: a.headers, data: { name: "X" } }), 404, /Person not found/);
    await expectError(await request.delete(`/api/v1/persons/${id}`, { headers: a.headers }), 404, /Person not found/);
    await expectError(await request.get(`/api/v1/scene-projects/${id}`, { headers: a.headers }), 404, /Project not found/);
    await expectError(await request.get(`/api/v1/scene-projects/${id}/status`, { headers: a.headers }), 404, /Project not found/);
    await expectError(
      await request.post(`/api/v1/scene-projects/${id}/approve`, { headers: a.headers, data: { confirm_credits: true } }),
      404,
      /Project not found/,
    );
    await expectError(
      await request.put(`/api/v1/scene-projects/${id}/scenes/${aScene.id}`, { headers: a.headers, data: { narration_text: "x" } }),
      404,
      /not found/,
    );
    await expectError(
      await request.put(`/api/v1/scene-projects/${aProject.id}/scenes/${id}`, { headers: a.headers, data: { narration_text: "x" } }),
      404,
      /Scene not found/,
    );
  }

  // B, holding A's ids: nothing of A's can be read, changed, deleted or used.
  await expectError(await request.put(`/api/v1/persons/${aPerson}`, { headers: b.headers, data: { name: "Hijacked" } }), 404, /Person not found/);
  await expectError(await request.delete(`/api/v1/persons/${aPerson}`, { headers: b.headers }), 404, /Person not found/);
  await expectError(
    await request.post("/api/v1/stories/create", { headers: b.headers, data: { person_id: aPerson, story_idea: IDEA } }),
    404,
    /Person not found/,
  );
  // A's scene id under B's own project, and B's scene id under A's project.
  await expectError(
    await request.put(`/api/v1/scene-projects/${bProject.id}/scenes/${aScene.id}`, { headers: b.headers, data: { narration_text: "hijacked" } }),
    404,
    /Scene not found/,
  );
  await expectError(
    await request.put(`/api/v1/scene-projects/${aProject.id}/scenes/${bProject.scenes[0].id}`, { headers: b.headers, data: { narration_text: "x" } }),
    404,
    /Project not found/,
  );
  // And A's own scene id under A's other project is not that project's scene.
  const aOther = await story(request, a, aPerson);
  await expectError(
    await request.put(`/api/v1/scene-projects/${aOther.id}/scenes/${aScene.id}`, { headers: a.headers, data: { narration_text: "moved" } }),
    404,
    /Scene not found/,
  );

  expect(await (await request.get(`/api/v1/persons/${aPerson}`, { headers: a.headers })).json()).toMatchObject({ id: aPerson, name: "Alex" });
  const aNow = await (await request.get(`/api/v1/scene-projects/${aProject.id}`, { headers: a.headers })).json();
  expect(aNow.scenes[0].narration_text).toBe(aScene.narration_text);
  expect(ids(await (await request.get("/api/v1/scene-projects", { headers: b.headers })).json())).toEqual([bProject.id]);
});

test("GET /persons and /scene-projects: limit/offset, person_id and status_filter, only the caller's rows", async ({ request }) => {
  const a = await createApiUser(request);
  const b = await createApiUser(request);
  const p1 = await person(request, a, "One");
  const p2 = await person(request, a, "Two");
  const p3 = await person(request, a, "Three");
  const bPerson = await person(request, b, "Other");
  const first = await story(request, a, p1);
  const second = await story(request, a, p2);
  const third = await story(request, a, p1);
  await story(request, b, bPerson);
  const list = async (path: string, u = a) => {
    const res = await request.get(path, { headers: u.headers });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return ids(await res.json());
  };

  // Newest first, and paging walks that order.
  expect(await list("/api/v1/persons")).toEqual([p3, p2, p1]);
  expect(await list("/api/v1/persons?limit=1&offset=1")).toEqual([p2]);
  expect(await list("/api/v1/persons?limit=2&offset=2")).toEqual([p1]);
  expect(await list("/api/v1/persons?offset=3")).toEqual([]);
  expect(await list("/api/v1/persons", b)).toEqual([bPerson]);

  expect(await list("/api/v1/scene-projects")).toEqual([third.id, second.id, first.id]);
  expect(await list("/api/v1/scene-projects?limit=1&offset=1")).toEqual([second.id]);
  expect(await list("/api/v1/scene-projects?limit=1&offset=3")).toEqual([]);
  expect(await list(`/api/v1/scene-projects?person_id=${p1}`)).toEqual([third.id, first.id]);
  expect(await list(`/api/v1/scene-projects?person_id=${p1}&limit=1&offset=1`)).toEqual([first.id]);
  expect(await list(`/api/v1/scene-projects?person_id=${p3}`)).toEqual([]);
  expect(await list(`/api/v1/scene-projects?person_id=${bPerson}`)).toEqual([]);
  expect(await list("/api/v1/scene-projects?status_filter=proposed")).toEqual([third.id, second.id, first.id]);
  expect(await list(`/api/v1/scene-projects?status_filter=proposed&person_id=${p2}`)).toEqual([second.id]);
  for (const status of ["completed", "generating", "failed", "draft", "creating"]) {
    expect(await list(`/api/v1/scene-projects?status_filter=${status}`), status).toEqual([]);
  }

  await expectError(
    await request.get("/api/v1/scene-projects?status_filter=done", { headers: a.headers }),
    400,
    /status_filter must be one of draft, creating, proposed, generating, completed, failed/,
  );
  await expectError(await request.get("/api/v1/scene-projects?status_filter=", { headers: a.headers }), 400, /status_filter/);
  // The seed lists without pagination, so a page may hold everything up to 1000 rows.
  for (const query of ["limit=0", "limit=1001", "limit=abc", "offset=-1", "offset=1.5"]) {
    await expectError(await request.get(`/api/v1/persons?${query}`, { headers: a.headers }), 400, /limit|offset/);
    await expectError(await request.get(`/api/v1/scene-projects?${query}`, { headers: a.headers }), 400, /limit|offset/);
  }
  for (const query of ["person_id=abc", "person_id=0", "person_id=2147483648"]) {
    await expectError(await request.get(`/api/v1/scene-projects?${query}`, { headers: a.headers }), 400, /person_id/);
  }
});

test("media URLs in responses are on the host the caller used", async ({ request, baseURL }) => {
  const u = await createApiUser(request);
  const created = await request.post("/api/v1/persons", {
    headers: u.headers,
    data: { name: "Pic", photo_base64: (await photoPng(64, 64)).toString("base64") },
  });
  expect(created.status()).toBe(201);
  expect(new URL((await created.json()).photo_url).origin).toBe(new URL(baseURL!).origin);

  // A script on another machine reaches the server by a name of its own.
  const url = new URL("/api/v1/persons", baseURL);
  const body = await new Promise<string>((resolve, reject) => {
    const req = http.get(url, { headers: { ...u.headers, Host: `studio.lan:${url.port}` } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve(text));
    });
    req.on("error", reject);
  });
  const [listed] = JSON.parse(body);
  expect(listed.photo_url.startsWith(`http://studio.lan:${url.port}/api/media/`)).toBe(true);
});

test("every /api answer is JSON: unknown paths are 404s, wrong methods 405s, NUL, deep nesting and long login names 400s", async ({ request }) => {
  const u = await createApiUser(request);
  for (const [method, path] of [
    ["GET", "/api"],
    ["GET", "/api/v1"],
    ["GET", "/api/v1/nope"],
    ["POST", "/api/v1/persons/1/nope"],
    ["DELETE", "/api/v1/persons/1/..%2F..%2Fx"],
    ["PATCH", "/api/v1/stories"],
  ] as const) {
    const res = await request.fetch(path, { method, headers: u.headers });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(res.headers()["content-type"], `${method} ${path}`).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ detail: "Not Found", code: "not_found" });
  }
  // The routes next to the catch-all still answer.
  expect((await request.get("/api/v1/persons", { headers: u.headers })).status()).toBe(200);
  expect((await request.get("/api/openapi.json")).status()).toBe(200);

  for (const [method, path, allow] of [
    ["GET", "/api/v1/stories/create", "POST"],
    ["DELETE", "/api/v1/scene-projects", "GET"],
    ["POST", "/api/v1/persons/1", "GET, PUT, PATCH, DELETE"],
  ] as const) {
    const res = await request.fetch(path, { method, headers: u.headers, data: {} });
    expect(res.status(), `${method} ${path}`).toBe(405);
    expect(res.headers().allow).toBe(allow);
    expect(await res.json()).toEqual({ detail: "Method Not Allowed", code: "method_not_allowed" });
  }

  await expectError(await request.post("/api/v1/persons", { headers: u.headers, data: { name: "Sa\u0000m" } }), 400, /^name must not contain NUL \(\\u0000\)$/);
  const deep = `{"name":"Sam","description":${"[".repeat(5000)}${"]".repeat(5000)}}`;
  await expectError(
    await request.post("/api/v1/persons", { headers: { ...u.headers, "Content-Type": "application/json" }, data: Buffer.from(deep) }),
    400,
    /at most 64 levels/,
  );
  await expectError(await request.post("/api/v1/auth/login", { form: { username: "a".repeat(5000), password: "x" } }), 400, /username must be at most 254/);
});
