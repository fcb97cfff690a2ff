import { describe, expect, it } from "vitest";
import { isLocked, postToEvent } from "./events";
import type { PostView } from "./types";

const now = new Date("2026-05-10T12:00:00Z");
const post = (over: Partial<PostView> = {}): PostView => ({
  id: "p1",
  characterId: 1,
  title: "Lisbon at dawn",
  script: "",
  videoId: null,
  scheduledAt: "2026-05-11T09:00:00.000Z",
  status: "scheduled",
  captions: {},
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  targets: [],
  ...over,
});

describe("postToEvent", () => {
  it("lets a future scheduled post be dragged, in the scheduled colour", () => {
    const e = postToEvent(post(), now);
    expect(e).toMatchObject({
      id: "p1",
      title: "Lisbon at dawn",
      start: "2026-05-11T09:00:00.000Z",
      editable: true,
      durationEditable: false,
      backgroundColor: "#2563eb",
    });
    expect(e.extendedProps).toMatchObject({ locked: false, flagged: false });
  });
  it("draws a post for half an hour, cut at the midnight after it so it shows on its own day alone", () => {
    expect(postToEvent(post(), now).end).toBe("2026-05-11T09:30:00.000Z");
    const late = new Date(2026, 4, 11, 23, 50);
    expect(postToEvent(post({ scheduledAt: late.toISOString() }), now).end).toBe(new Date(2026, 4, 12).toISOString());
  });
  it("locks published, publishing, failed and past posts", () => {
    for (const status of ["published", "publishing", "failed"] as const) expect(postToEvent(post({ status }), now).editable).toBe(false);
    expect(isLocked(post({ scheduledAt: "2026-05-10T11:59:00Z" }), now)).toBe(true);
    expect(postToEvent(post({ status: "failed" }), now).classNames).toContain("cal-post-locked");
  });
  it("flags a post whose account cannot post", () => {
    const target = { accountProblem: "the account needs reconnecting (revoked)" } as PostView["targets"][number];
    expect(postToEvent(post({ targets: [target] }), now).extendedProps.flagged).toBe(true);
  });
});
