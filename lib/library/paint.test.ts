import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { storage } from "@/lib/storage/local";
import { getMedia } from "@/lib/storage/media";
import { makeAccount } from "@/lib/test/factories";
import { paintIntoLibrary } from "./paint";
import { listLibrary } from "./service";

afterAll(async () => {
  await closeDb();
});

describe("paintIntoLibrary", () => {
  it("paints the prompt at the asked size into the workspace's library, a new take each time", async () => {
    const a = await makeAccount();
    const first = await paintIntoLibrary(getDb(), a.workspaceId, { prompt: "a neon city at night", width: 270, height: 480 });
    expect(first).toMatchObject({ kind: "image", mime: "image/png", width: 270, height: 480, name: "a neon city at night.png" });
    const second = await paintIntoLibrary(getDb(), a.workspaceId, { prompt: "a neon city at night", width: 270, height: 480 });
    const [one, two] = await Promise.all(
      [first, second].map(async (i) =>
        sharp(await storage().localPath((await getMedia(getDb(), { mediaId: i.id, workspaceId: a.workspaceId }))!.storageKey))
          .raw()
          .toBuffer(),
      ),
    );
    expect(one.equals(two)).toBe(false);
    expect((await listLibrary(getDb(), a.workspaceId)).map((i) => i.id).sort()).toEqual([first.id, second.id].sort());
    const other = await makeAccount();
    expect(await listLibrary(getDb(), other.workspaceId)).toEqual([]);
  });

  it("refuses a size outside 16-1920 pixels, naming it", async () => {
    const a = await makeAccount();
    await expect(paintIntoLibrary(getDb(), a.workspaceId, { prompt: "sea", width: 4000, height: 480 })).rejects.toMatchObject({ field: "size" });
  });
});
