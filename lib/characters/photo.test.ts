import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { eq } from "drizzle-orm";
import { makeAccount, makePhoto } from "@/lib/test/factories";
import { createCharacter } from "./service";
import { normalizePhoto } from "./photo";

afterAll(() => closeDb());

describe("character photos", () => {
  it("re-encodes a PNG as a bounded JPEG", async () => {
    const out = await normalizePhoto(await makePhoto(2000, 1000));
    expect(out.width).toBe(1024);
    expect(out.height).toBe(512);
    expect(out.buffer.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it("refuses a non-image and a too-large photo, creating nothing", async () => {
    const a = await makeAccount();
    const input = { name: "Bad", description: "", persona: "", styleTags: [] };
    await expect(createCharacter(getDb(), a, input, { buffer: Buffer.from("not an image at all") })).rejects.toMatchObject({
      status: 400,
      field: "photo",
      message: expect.stringMatching(/JPG, PNG or WebP/),
    });
    await expect(createCharacter(getDb(), a, input, { buffer: Buffer.alloc(9 * 1024 * 1024, 1) })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/too large/),
    });
    expect(await getDb().select().from(characters).where(eq(characters.workspaceId, a.workspaceId))).toHaveLength(0);
  });
});
