import { createApiUser, expect, photoPng, test, type ApiUser } from "./fixtures";

async function person(request: import("@playwright/test").APIRequestContext, u: ApiUser) {
  const res = await request.post("/api/v1/persons", { headers: u.headers, data: { name: "Sam", description: "Chef" } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as number;
}

test("bad input gets a clear error naming the field and changes nothing", async ({ request }) => {
  const u = await createApiUser(request);
  const personId = await person(request, u);
  const create = (data: object) => request.post("/api/v1/stories/create", { headers: u.headers, data });

  const short = await create({ person_id: personId, story_idea: "too short" });
  expect(short.status()).toBe(400);
  expect((await short.json()).detail).toMatch(/story_idea/);
  const empty = await create({ person_id: personId, story_idea: "" });
  expect(empty.status()).toBe(400);
  const eleven = await create({ person_id: personId, story_idea: "A founder's journey from garage to launch", num_scenes: 11 });
  expect(eleven.status()).toBe(400);
  expect((await eleven.json()).detail).toMatch(/num_scenes/);
  const unknownPerson = await create({ person_id: 999999, story_idea: "A founder's journey from garage to launch" });
  expect(unknownPerson.status()).toBe(404);
  const malformed = await request.post("/api/v1/stories/create", { headers: { ...u.headers, "Content-Type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).detail).toMatch(/not valid JSON/);
  expect(await (await request.get("/api/v1/scene-projects", { headers: u.headers })).json()).toEqual([]);

  const notImage = await request.post("/api/v1/persons", {
    headers: u.headers,
    data: { name: "X", photo_base64: Buffer.from("plain text, not a picture").toString("base64") },
  });
  expect(notImage.status()).toBe(400);
  expect((await notImage.json()).detail).toMatch(/photo_base64/);
  const badBase64 = await request.post("/api/v1/persons", { headers: u.headers, data: { name: "X", photo_base64: "***" } });
  expect(badBase64.status()).toBe(400);
  const big = Buffer.concat([await photoPng(64, 64), Buffer.alloc(9 * 1024 * 1024)]);
  const tooLarge = await request.post("/api/v1/persons", { headers: u.headers, data: { name: "X", photo_base64: big.toString("base64") } });
  expect(tooLarge.status()).toBe(400);
  expect((await tooLarge.json()).detail).toMatch(/too large/);
  const persons = await (await request.get("/api/v1/persons", { headers: u.headers })).json();
  expect(persons).toHaveLength(1);
});

test("approval: confirmation required, too few credits refused, twice refused", async ({ request }) => {
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
  const noConfirm = await approve(small, { confirm_credits: false });
  expect(noConfirm.status()).toBe(400);
  expect((await noConfirm.json()).detail).toMatch(/confirm_credits/);

  const first = await approve(small, { confirm_credits: true });
  expect(first.status()).toBe(202);
  expect(await first.json()).toMatchObject({ id: small, status: "generating", progress: 0 });
  const second = await approve(small, { confirm_credits: true });
  expect(second.status()).toBe(400);
  expect((await second.json()).detail).toMatch(/not in proposed state/);

  // What is left of the 1000-credit grant cannot pay for 10 scenes (at least 1000 credits).
  const big = await story(10);
  const tooMuch = await approve(big, { confirm_credits: true });
  expect(tooMuch.status()).toBe(403);
  expect((await tooMuch.json()).detail).toMatch(/Insufficient credits/);
  // Refused means untouched: the project can still be approved once credits are added.
  const bigStatus = await (await request.get(`/api/v1/scene-projects/${big}/status`, { headers: u.headers })).json();
  expect(bigStatus.status).toBe("proposed");

  const scene = (await (await request.get(`/api/v1/scene-projects/${small}`, { headers: u.headers })).json()).scenes[0];
  const late = await request.put(`/api/v1/scene-projects/${small}/scenes/${scene.id}`, { headers: u.headers, data: { narration_text: "late" } });
  expect(late.status()).toBe(400);
});
