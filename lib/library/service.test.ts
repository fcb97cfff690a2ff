import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DELETE as removeRoute } from "@/app/api/media/library/[mediaId]/route";
import { GET as listRoute, POST as uploadRoute } from "@/app/api/media/library/route";
import { closeDb, getDb } from "@/db/client";
import { createApiToken } from "@/lib/auth/tokens";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { makeAccount } from "@/lib/test/factories";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

let dir: string;
let token: string;
let otherToken: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "library-test-"));
  await sharp({ create: { width: 800, height: 600, channels: 3, background: "#3366cc" } })
    .png()
    .toFile(path.join(dir, "sky.png"));
  await runFfmpeg([
    "-y",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=640x360:rate=25",
    "-f",
    "lavfi",
    "-i",
    "sine",
    "-t",
    "2",
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-shortest",
    path.join(dir, "clip.mp4"),
  ]);
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "sine=duration=1.5", path.join(dir, "tone.wav")]);
  await fs.writeFile(path.join(dir, "notes.txt"), "not media at all");
  token = (await createApiToken(getDb(), await makeAccount(), "library")).token;
  otherToken = (await createApiToken(getDb(), await makeAccount(), "other")).token;
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});

async function upload(file: string, as = token) {
  const form = new FormData();
  form.set("file", new File([await fs.readFile(path.join(dir, file))], file));
  const res = await uploadRoute(
    new Request("http://studio.test/api/media/library", { method: "POST", headers: { authorization: `Bearer ${as}` }, body: form }),
    {
      params: Promise.resolve({}),
    },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const list = async (q = "", as = token) =>
  (await (
    await listRoute(new Request(`http://studio.test/api/media/library${q}`, { headers: { authorization: `Bearer ${as}` } }), { params: Promise.resolve({}) })
  ).json()) as Array<Record<string, unknown>>;

describe("the media library", () => {
  it("takes an image, a video and a sound, measured and with thumbnails, and lists them by kind", async () => {
    const image = await upload("sky.png");
    expect(image).toMatchObject({ status: 201, body: { kind: "image", name: "sky.png", mime: "image/png", width: 800, height: 600 } });
    const video = await upload("clip.mp4");
    expect(video).toMatchObject({ status: 201, body: { kind: "video", name: "clip.mp4", width: 640, height: 360 } });
    expect(video.body.durationMs).toBeGreaterThan(1900);
    expect(video.body.thumbnailUrl).toMatch(/^\/api\/media\/[0-9a-f-]{36}\?exp=/);
    const sound = await upload("tone.wav");
    expect(sound).toMatchObject({ status: 201, body: { kind: "audio", mime: "audio/wav", thumbnailUrl: null } });

    expect((await list()).map((i) => i.name)).toEqual(["tone.wav", "clip.mp4", "sky.png"]);
    expect((await list("?kind=video")).map((i) => i.id)).toEqual([video.body.id]);
    expect(await list("", otherToken)).toEqual([]);

    const gone = await removeRoute(new Request("http://studio.test/", { method: "DELETE", headers: { authorization: `Bearer ${otherToken}` } }), {
      params: Promise.resolve({ mediaId: image.body.id as string }),
    });
    expect(gone.status).toBe(404);
    const removed = await removeRoute(new Request("http://studio.test/", { method: "DELETE", headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ mediaId: image.body.id as string }),
    });
    expect(removed.status).toBe(204);
    expect((await list()).map((i) => i.name)).toEqual(["tone.wav", "clip.mp4"]);
  });

  it("refuses what is not an image, a video or a sound, naming the field", async () => {
    expect(await upload("notes.txt")).toMatchObject({ status: 400, body: { field: "file" } });
    expect((await upload("notes.txt")).body.detail).toContain("not an image");
  });
});
