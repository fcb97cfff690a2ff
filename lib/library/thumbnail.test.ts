import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { getMedia, saveMedia } from "@/lib/storage/media";
import { makeAccount } from "@/lib/test/factories";
import { imageThumbnail } from "./thumbnail";

afterAll(async () => {
  await closeDb();
});

describe("imageThumbnail", () => {
  it("makes a small JPEG of a stored image once and links it to the image", async () => {
    const a = await makeAccount();
    const buffer = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#224488" } })
      .png()
      .toBuffer();
    const row = await saveMedia(getDb(), { workspaceId: a.workspaceId, kind: "image", mime: "image/png", source: { buffer }, width: 1080, height: 1920 });
    const id = await imageThumbnail(getDb(), row);
    const thumb = await getMedia(getDb(), { mediaId: id, workspaceId: a.workspaceId });
    expect(thumb).toMatchObject({ mime: "image/jpeg", width: 180, height: 320 });
    const linked = (await getMedia(getDb(), { mediaId: row.id, workspaceId: a.workspaceId }))!;
    expect(linked.thumbnailMediaId).toBe(id);
    expect(await imageThumbnail(getDb(), linked)).toBe(id);
  });
});
