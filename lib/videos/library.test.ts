import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { bulkBatches, bulkRows } from "@/db/schema/bulk";
import { generatedVideos, videoJobs } from "@/db/schema/videos";
import { stopBoss } from "@/lib/jobs/boss";
import { makeAccount, makeCharacter, makeFinishedVideo, makeStory } from "@/lib/test/factories";
import { parseVideoLibraryFilter } from "@/lib/validation/video-library";
import { groupDrafts, likePattern, listLibraryVideos, type LibraryVideo } from "./library";

afterAll(async () => {
  await stopBoss();
  await closeDb();
});

describe("the Videos page's search params", () => {
  it("keeps what it knows and drops the rest, so a stale link still opens", () => {
    expect(parseVideoLibraryFilter({ q: "  bangkok ", kind: "story", character: "7" })).toEqual({ q: "bangkok", kind: "story", character: 7 });
    expect(parseVideoLibraryFilter({ q: "", kind: "movie", character: "x" })).toEqual({ q: undefined, kind: undefined, character: undefined });
    expect(parseVideoLibraryFilter({ q: ["a", "b"], character: "0" })).toEqual({ q: "a", kind: undefined, character: undefined });
    expect(parseVideoLibraryFilter({ q: "x".repeat(500) }).q).toBeUndefined();
  });

  it("searches % and _ as letters", () => {
    expect(likePattern("50%_off")).toBe("%50\\%\\_off%");
  });
});

const lib = (over: Partial<LibraryVideo> & Pick<LibraryVideo, "id" | "name">): LibraryVideo =>
  ({ projectId: null, draft: false, kind: "timeline", characterId: null, characterName: null, ...over }) as LibraryVideo;

describe("grouping drafts under their final", () => {
  it("nests a draft under the newest final of its source and leaves an orphan draft on its own", () => {
    const list = [
      lib({ id: "final-2", name: "Launch" }),
      lib({ id: "draft-b", name: "launch ", draft: true }),
      lib({ id: "final-1", name: "Launch" }),
      lib({ id: "story-draft", name: "Story", projectId: 4, draft: true }),
      lib({ id: "orphan", name: "Teaser", draft: true }),
    ];
    const groups = groupDrafts(list);
    expect(groups.map((g) => [g.video.id, g.drafts.map((d) => d.id)])).toEqual([
      ["final-2", ["draft-b"]],
      ["final-1", []],
      ["story-draft", []],
      ["orphan", []],
    ]);
  });
});

describe("listLibraryVideos", () => {
  let a: Awaited<ReturnType<typeof makeAccount>>;
  let other: Awaited<ReturnType<typeof makeAccount>>;
  let maya: number;
  let leo: number;

  /** Another finished video sharing the factory's media: only its row matters here. */
  async function video(name: string, mediaId: string, extra: Partial<typeof generatedVideos.$inferInsert> = {}) {
    const [row] = await getDb()
      .insert(generatedVideos)
      .values({ id: randomUUID(), workspaceId: a.workspaceId, name, mediaId, shareToken: randomUUID(), sizeBytes: 1, durationMs: 1000, ...extra })
      .returning();
    return row;
  }
  async function job(name: string, opts: { kind?: "timeline" | "avatar"; draft?: boolean; actor?: number } = {}) {
    const tracks = opts.actor ? [{ type: "actor", actor: `character-${opts.actor}` }] : [{ type: "text", text: "hi" }];
    const [row] = await getDb()
      .insert(videoJobs)
      .values({ workspaceId: a.workspaceId, name, kind: opts.kind ?? "timeline", draft: opts.draft ?? false, videoCreative: { scenes: [{ tracks }] } })
      .returning();
    return row.id;
  }

  beforeAll(async () => {
    a = await makeAccount({ credits: 1000 });
    other = await makeAccount();
    maya = (await makeCharacter(a)).id;
    leo = (await makeCharacter(a)).id;
    const base = await makeFinishedVideo(a, { name: "Plain timeline" });
    const story = await makeStory(a, maya, { idea: "A baker's first morning in Paris" });
    await video("A baker's first morning", base.mediaId, { projectId: story.id });
    await video("Launch teaser", base.mediaId, { jobId: await job("Launch teaser", { draft: true }) });
    await video("Leo says hi", base.mediaId, { jobId: await job("Leo says hi", { kind: "avatar", actor: leo }) });
    const batchId = randomUUID();
    await getDb().insert(bulkBatches).values({ id: batchId, workspaceId: a.workspaceId, characterId: maya, platform: "tiktok", totalRows: 1 });
    const bulkJob = await job("Row 1 reel", { kind: "avatar", actor: maya });
    await getDb()
      .insert(bulkRows)
      .values({ workspaceId: a.workspaceId, batchId, rowNumber: 1, script: "Hi", platform: "tiktok", captionPreset: "bold", videoJobId: bulkJob });
    await video("Row 1 reel 50%", base.mediaId, { jobId: bulkJob });
    await makeFinishedVideo(other, { name: "Launch teaser (someone else's)" });
  });

  const names = async (filter: Parameters<typeof listLibraryVideos>[1]["filter"]) =>
    (await listLibraryVideos(getDb(), { workspaceId: a.workspaceId, filter })).map((v) => `${v.name}|${v.kind}|${v.draft ? "draft" : "final"}`).sort();

  it("tells each video's kind and draft from its rows, in this workspace only", async () => {
    expect(await names({})).toEqual([
      "A baker's first morning|story|final",
      "Launch teaser|timeline|draft",
      "Leo says hi|avatar|final",
      "Plain timeline|timeline|final",
      "Row 1 reel 50%|bulk|final",
    ]);
  });

  it("filters by kind, by character (project, batch or cast) and by name", async () => {
    expect(await names({ kind: "bulk" })).toEqual(["Row 1 reel 50%|bulk|final"]);
    expect(await names({ kind: "avatar" })).toEqual(["Leo says hi|avatar|final"]);
    expect(await names({ character: maya })).toEqual(["A baker's first morning|story|final", "Row 1 reel 50%|bulk|final"]);
    expect(await names({ character: leo })).toEqual(["Leo says hi|avatar|final"]);
    expect(await names({ q: "TEASER" })).toEqual(["Launch teaser|timeline|draft"]);
    expect(await names({ q: "50%" })).toEqual(["Row 1 reel 50%|bulk|final"]);
    expect(await names({ q: "teaser", kind: "story" })).toEqual([]);
  });

  it("names the character of each video", async () => {
    const rows = await listLibraryVideos(getDb(), { workspaceId: a.workspaceId, filter: { character: leo } });
    expect(rows[0]).toMatchObject({ characterId: leo, characterName: "Alex Chen" });
  });
});
