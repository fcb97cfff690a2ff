import { eq } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as events from "@/app/api/channel/[channelVideoId]/events/route";
import * as atom from "@/app/c/[handle]/atom.xml/route";
import * as jsonFeed from "@/app/c/[handle]/feed.json/route";
import * as rss from "@/app/c/[handle]/rss.xml/route";
import * as thumbnail from "@/app/c/[handle]/[videoId]/thumbnail.jpg/route";
import * as videoFile from "@/app/c/[handle]/[videoId]/video.mp4/route";
import { getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { channelVideos } from "@/db/schema/social";
import { makeAccount, makeCharacter, makeFinishedVideo } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { postInput } from "@/lib/validation/posts";
import { channelDailyCounts, channelStats, dayOf, noCounts, recordChannelEvent } from "./channel-stats";
import { createPost, dispatchDuePosts, getPost } from "./posts";

// Auth.js's Next.js build does not load under Vitest; the event route asks it who is signed in.
const auth = vi.hoisted(() => ({ session: null as null | { user: { id: string; workspaceId: string } } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => auth.session, handlers: {}, signIn: async () => undefined, signOut: async () => undefined }));

process.env.PUBLISH_POLL_MS = "50";
useJobWorker();

const ORIGIN = "http://localhost:3000";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

type Account = Awaited<ReturnType<typeof makeAccount>>;
type Published = typeof channelVideos.$inferSelect;

/** Publishes a finished video to the character's channel the real way: a post, the due-post dispatch, the job worker. */
async function publish(account: Account, characterId: number, title: string, caption = ""): Promise<Published> {
  const video = await makeFinishedVideo(account, { seconds: 1 });
  const post = await createPost(
    getDb(),
    account.workspaceId,
    postInput.parse({
      characterId,
      title,
      videoId: video.id,
      scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      targets: [{ platform: "channel" }],
      captions: { channel: caption },
    }),
  );
  await dispatchDuePosts(getDb(), new Date(Date.now() + 10 * 60_000));
  const done = await waitUntil(
    `post ${post.id} published`,
    () => getPost(getDb(), account.workspaceId, post.id),
    (p) => p.status === "published",
    60_000,
  );
  const [row] = await getDb().select().from(channelVideos).where(eq(channelVideos.targetId, done.targets[0].id));
  return row;
}

let owner: Account;
let handle: string;
let first: Published;
let second: Published;
let otherHandle: string;
let otherVideo: Published;

beforeAll(async () => {
  owner = await makeAccount();
  const character = await makeCharacter(owner);
  first = await publish(owner, character.id, "Lisbon at dawn");
  second = await publish(owner, character.id, "Tips & <tricks>", "Line one\nSee https://example.com #travel <script>alert(1)</script>");
  const other = await makeAccount();
  const otherCharacter = await makeCharacter(other);
  otherVideo = await publish(other, otherCharacter.id, "Someone else's");
  const handles = await getDb().select({ id: characters.id, handle: characters.channelHandle }).from(characters);
  handle = handles.find((c) => c.id === character.id)!.handle!;
  otherHandle = handles.find((c) => c.id === otherCharacter.id)!.handle!;
}, 180_000);

const ctx = <P extends object>(params: P) => ({ params: Promise.resolve(params) });

/** The beacon as the video page's script sends it; a header given as null is left out. */
function beacon(channelVideoId: string, body: unknown, headers: Record<string, string | null> = {}) {
  const all = {
    host: "localhost:3000",
    origin: ORIGIN,
    "content-type": "application/json",
    "user-agent": BROWSER,
    "x-forwarded-for": "203.0.113.7",
    ...headers,
  };
  const req = new Request(`${ORIGIN}/api/channel/${channelVideoId}/events`, {
    method: "POST",
    headers: Object.entries(all).flatMap(([k, v]) => (v === null ? [] : [[k, v] as [string, string]])),
    body: JSON.stringify(body),
  });
  return events.POST(req, ctx({ channelVideoId }));
}

const countsOf = async (id: string) => (await channelStats(getDb(), { channelVideoIds: [id] })).get(id) ?? noCounts;

// Each test counts from what the video had when it started, with viewers of its own, so the tests hold in any order.
describe("counting a channel video's views, plays and completions", () => {
  it("counts a view once per viewer per day: the same address and agent twice is one, another agent is two", async () => {
    const { views } = await countsOf(first.id);
    expect((await beacon(first.id, { kind: "view" })).status).toBe(204);
    expect((await beacon(first.id, { kind: "view" })).status).toBe(204);
    expect((await countsOf(first.id)).views).toBe(views + 1);
    expect((await beacon(first.id, { kind: "view" }, { "user-agent": PHONE })).status).toBe(204);
    expect((await countsOf(first.id)).views).toBe(views + 2);
    // A client-written X-Forwarded-For entry is not the address (TRUST_PROXY=0): still the same viewer.
    expect((await beacon(first.id, { kind: "view" }, { "x-forwarded-for": "198.51.100.1, 203.0.113.7" })).status).toBe(204);
    expect((await countsOf(first.id)).views).toBe(views + 2);
  });

  it("does not count bots, agents that say nothing, or the owner signed in to the video's workspace", async () => {
    for (const ua of [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "",
    ]) {
      expect((await beacon(second.id, { kind: "view" }, { "user-agent": ua })).status).toBe(204);
    }
    auth.session = { user: { id: owner.userId, workspaceId: owner.workspaceId } };
    try {
      expect((await beacon(second.id, { kind: "view" }, { "x-forwarded-for": "192.0.2.50" })).status).toBe(204);
    } finally {
      auth.session = null;
    }
    expect(await countsOf(second.id)).toEqual({ views: 0, plays: 0, completions: 0 });
    // Someone signed in to another workspace is a viewer like any other.
    auth.session = { user: { id: "someone", workspaceId: otherVideo.workspaceId } };
    try {
      expect((await beacon(second.id, { kind: "view" }, { "x-forwarded-for": "192.0.2.50" })).status).toBe(204);
    } finally {
      auth.session = null;
    }
    expect((await countsOf(second.id)).views).toBe(1);
  });

  it("counts play and complete once each per viewer per day", async () => {
    const before = await countsOf(first.id);
    for (const kind of ["play", "play", "complete", "complete"]) expect((await beacon(first.id, { kind })).status).toBe(204);
    expect(await countsOf(first.id)).toEqual({ views: before.views, plays: before.plays + 1, completions: before.completions + 1 });
  });

  it("refuses another site's page, a bad kind and an unknown video; a script without Origin only counts", async () => {
    const { views } = await countsOf(first.id);
    const foreign = await beacon(first.id, { kind: "view" }, { origin: "https://evil.example", "user-agent": "Other/1.0" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: "forbidden" });
    expect((await beacon(first.id, { kind: "view" }, { origin: null, "sec-fetch-site": "cross-site", "user-agent": "Other/1.0" })).status).toBe(403);
    const bad = await beacon(first.id, { kind: "like" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ detail: "kind must be one of view, play, complete", field: "kind" });
    expect((await beacon("00000000-0000-4000-8000-000000000000", { kind: "view" })).status).toBe(404);
    expect((await beacon("not-a-video", { kind: "view" })).status).toBe(404);
    const script = new Request(`${ORIGIN}/api/channel/${first.id}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": BROWSER, "x-forwarded-for": "203.0.113.9" },
      body: JSON.stringify({ kind: "view" }),
    });
    expect((await events.POST(script, ctx({ channelVideoId: first.id }))).status).toBe(204);
    expect((await countsOf(first.id)).views).toBe(views + 1);
    expect(events.GET(new Request(`${ORIGIN}/api/channel/${first.id}/events`)).status).toBe(405);
  });

  it("gives the analytics sync daily counts per video and character", async () => {
    // Every count so far is today's: only this test writes another day.
    const today = await Promise.all([first, second].map(async (video) => ({ video, counts: await countsOf(video.id) })));
    const yesterday = new Date(Date.now() - 86_400_000);
    const viewer = { address: "203.0.113.7", userAgent: BROWSER, workspaceId: null };
    expect(await recordChannelEvent(getDb(), { channelVideoId: first.id, kind: "view", viewer, at: yesterday })).toBe("counted");
    expect(await recordChannelEvent(getDb(), { channelVideoId: first.id, kind: "view", viewer, at: yesterday })).toBe("repeat");
    const rows = await channelDailyCounts(getDb(), owner.workspaceId, dayOf(yesterday), dayOf(new Date()));
    const byDayAndVideo = (a: { day: string; channelVideoId: string }, b: { day: string; channelVideoId: string }) =>
      a.day.localeCompare(b.day) || a.channelVideoId.localeCompare(b.channelVideoId);
    expect(rows).toEqual(rows.toSorted(byDayAndVideo));
    // Yesterday holds the one view above; today, whatever the tests before this one counted, as each video's stats said then.
    const countedToday = today.filter(({ counts }) => counts.views + counts.plays + counts.completions > 0);
    expect(rows).toEqual(
      [
        { channelVideoId: first.id, characterId: first.characterId, day: dayOf(yesterday), views: 1, plays: 0, completions: 0 },
        ...countedToday.map(({ video, counts }) => ({ channelVideoId: video.id, characterId: video.characterId, day: dayOf(new Date()), ...counts })),
      ].toSorted(byDayAndVideo),
    );
    // Another workspace's videos are not in it; its own stats are scoped the same way.
    expect(await channelDailyCounts(getDb(), otherVideo.workspaceId, dayOf(yesterday), dayOf(new Date()))).toEqual([]);
    const counted = new Set([first.id, ...countedToday.map(({ video }) => video.id)]);
    expect([...(await channelStats(getDb(), { workspaceId: owner.workspaceId })).keys()].sort()).toEqual([...counted].sort());
  });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const feedGet = async (mod: typeof rss, h: string) =>
  mod.GET(new Request(`${ORIGIN}/c/${h}/feed`, { headers: { host: "localhost:3000" } }), ctx({ handle: h }));
const asList = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x]);

describe("the channel's feeds", () => {
  it("RSS 2.0 lists the channel's videos only, newest first, each with its MP4 as the enclosure; captions stay text", async () => {
    const res = await feedGet(rss, handle);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const body = await res.text();
    const items = asList(xml.parse(body).rss.channel.item) as Array<Record<string, unknown> & { enclosure: Record<string, string> }>;
    expect(items.map((i) => i.title)).toEqual(["Tips & <tricks>", "Lisbon at dawn"]);
    expect(items[0].enclosure).toEqual({
      "@url": `${ORIGIN}/c/${handle}/${second.id}/video.mp4`,
      "@length": String((await videoBytes(second)).length),
      "@type": "video/mp4",
    });
    expect(items[0].link).toBe(`${ORIGIN}/c/${handle}/${second.id}`);
    expect(items[0].description).toBe("Line one<br>See https://example.com #travel &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).not.toContain("Someone else");
  });

  it("Atom links each entry's MP4 as rel=enclosure", async () => {
    const res = await feedGet(atom, handle);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const entries = asList(xml.parse(await res.text()).feed.entry) as Array<{ title: string; link: Array<Record<string, string>> }>;
    expect(entries.map((e) => e.title)).toEqual([
      { "#text": "Tips &amp; &lt;tricks&gt;", "@type": "html" },
      { "#text": "Lisbon at dawn", "@type": "html" },
    ]);
    expect(entries[1].link).toContainEqual(
      expect.objectContaining({ "@rel": "enclosure", "@href": `${ORIGIN}/c/${handle}/${first.id}/video.mp4`, "@type": "video/mp4" }),
    );
  });

  it("JSON Feed 1.1 lists them with attachments", async () => {
    const res = await feedGet(jsonFeed, handle);
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = (await res.json()) as { version: string; title: string; items: Array<Record<string, unknown>> };
    expect(feed).toMatchObject({ version: "https://jsonfeed.org/version/1.1", title: "Alex Chen", home_page_url: `${ORIGIN}/c/${handle}` });
    expect(feed.items.map((i) => i.title)).toEqual(["Tips & <tricks>", "Lisbon at dawn"]);
    expect(feed.items[1]).toMatchObject({
      url: `${ORIGIN}/c/${handle}/${first.id}`,
      attachments: [{ url: `${ORIGIN}/c/${handle}/${first.id}/video.mp4`, mime_type: "video/mp4", duration_in_seconds: 1 }],
    });
  });

  it("is a 404 for an unknown handle and for a deleted character's channel", async () => {
    for (const mod of [rss, atom, jsonFeed]) expect((await feedGet(mod, "nobody-here")).status).toBe(404);
    expect((await feedGet(rss, "../etc")).status).toBe(404);
    await getDb().update(characters).set({ deletedAt: new Date() }).where(eq(characters.channelHandle, otherHandle));
    expect((await feedGet(rss, otherHandle)).status).toBe(404);
    expect((await fileGet(videoFile, otherHandle, otherVideo.id)).status).toBe(404);
  });
});

async function videoBytes(v: Published) {
  const res = await fileGet(videoFile, handle, v.id);
  return Buffer.from(await res.arrayBuffer());
}

const fileGet = (mod: typeof videoFile, h: string, videoId: string, headers: Record<string, string> = {}) =>
  mod.GET(new Request(`${ORIGIN}/c/${h}/${videoId}/file`, { headers }), ctx({ handle: h, videoId }));

describe("the stable public file of a channel video", () => {
  it("serves the MP4 whole and by Range (206)", async () => {
    const whole = await fileGet(videoFile, handle, first.id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    const size = Number(whole.headers.get("content-length"));
    expect((await whole.arrayBuffer()).byteLength).toBe(size);
    const part = await fileGet(videoFile, handle, first.id, { range: "bytes=0-99" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-99/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
  });

  it("is a 404 for a video that is not on that channel, an id that is no id, and a missing thumbnail", async () => {
    expect((await fileGet(videoFile, handle, otherVideo.id)).status).toBe(404);
    expect((await fileGet(videoFile, handle, "x")).status).toBe(404);
    expect((await fileGet(videoFile, "nobody-here", first.id)).status).toBe(404);
    // makeFinishedVideo stores no thumbnail.
    expect((await fileGet(thumbnail, handle, first.id)).status).toBe(404);
    expect(videoFile.POST(new Request(`${ORIGIN}/x`, { method: "POST" })).status).toBe(405);
  });
});
