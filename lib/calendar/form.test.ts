import { describe, expect, it } from "vitest";
import {
  CHANNEL,
  emptyForm,
  formFieldError,
  formOf,
  fromLocalInput,
  nextHour,
  platformsOf,
  slotTime,
  toLocalInput,
  toPostInput,
  validatePostForm,
} from "./form";
import type { PostView } from "./types";

const accounts = [
  { id: "11111111-1111-4111-8111-111111111111", platform: "youtube" as const },
  { id: "22222222-2222-4222-8222-222222222222", platform: "tiktok" as const },
];
const now = new Date(2026, 4, 10, 14, 20); // 10 May 2026, 14:20 local

describe("local time inputs", () => {
  it("round-trips a datetime-local value in the browser's zone", () => {
    const d = new Date(2026, 0, 2, 3, 4);
    expect(toLocalInput(d)).toBe("2026-01-02T03:04");
    expect(fromLocalInput("2026-01-02T03:04")?.getTime()).toBe(d.getTime());
  });
  it("refuses what is not a date and time", () => {
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("2026-02-30T10:00")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
  });
});

describe("slotTime", () => {
  it("keeps a week or day slot's own time", () => {
    const slot = new Date(2026, 4, 12, 9, 30);
    expect(slotTime(slot, false, now)).toEqual(slot);
  });
  it("puts a month day at 10:00, or the next full hour when 10:00 has passed today", () => {
    expect(slotTime(new Date(2026, 4, 12), true, now)).toEqual(new Date(2026, 4, 12, 10, 0));
    expect(slotTime(new Date(2026, 4, 10), true, now)).toEqual(new Date(2026, 4, 10, 15, 0));
    expect(nextHour(new Date(2026, 4, 10, 23, 5))).toEqual(new Date(2026, 4, 11, 0, 0));
  });
});

describe("validatePostForm", () => {
  const ok = { ...emptyForm(new Date(2026, 4, 11, 9, 0), 3), title: "Lisbon at dawn" };
  it("accepts a complete form", () => expect(validatePostForm(ok, now)).toEqual({}));
  it("names each problem next to its field", () => {
    expect(validatePostForm({ ...ok, title: "  ", characterId: null, targets: [], when: toLocalInput(new Date(2026, 4, 10, 9, 0)) }, now)).toEqual({
      title: "Give the post a title",
      characterId: "Choose the character who posts it",
      targets: "Choose at least one place to publish",
      when: "That time has passed: choose one from now on",
    });
    expect(validatePostForm({ ...ok, when: "" }, now).when).toBe("Choose a date and a time");
    expect(validatePostForm({ ...ok, captions: { youtube: "x".repeat(5001) } }, now)["captions.youtube"]).toMatch(/5000 characters/);
  });
});

describe("toPostInput", () => {
  it("sends the time as ISO UTC, each target with its platform, and only the captions of chosen platforms", () => {
    const v = {
      ...emptyForm(new Date(2026, 4, 11, 9, 0), 3),
      title: "T",
      targets: [CHANNEL, accounts[0].id],
      captions: { youtube: "yt", tiktok: "not chosen", channel: " " },
    };
    const input = toPostInput(v, accounts);
    expect(input.scheduledAt).toBe(new Date(2026, 4, 11, 9, 0).toISOString());
    expect(input.targets).toEqual([
      { platform: "channel", accountId: null },
      { platform: "youtube", accountId: accounts[0].id },
    ]);
    expect(input.captions).toEqual({ youtube: "yt" });
    expect(platformsOf([accounts[1].id, CHANNEL, accounts[1].id], accounts)).toEqual(["tiktok", "channel"]);
  });
  it("reads a post back into the form", () => {
    const post = {
      characterId: 3,
      title: "T",
      script: "s",
      videoId: null,
      scheduledAt: new Date(2026, 4, 11, 9, 0).toISOString(),
      captions: { youtube: "c" },
      targets: [{ accountId: null }, { accountId: accounts[0].id }],
    } as unknown as PostView;
    expect(formOf(post)).toMatchObject({ when: "2026-05-11T09:00", targets: [CHANNEL, accounts[0].id], captions: { youtube: "c" } });
  });
});

describe("formFieldError", () => {
  it("puts the server's refusals under the field the creator knows, in their words", () => {
    expect(formFieldError("scheduledAt", "scheduledAt is in the past: choose a time from now on")).toEqual([
      "when",
      "That time has passed: choose one from now on",
    ]);
    expect(formFieldError("platform", "no YouTube account is connected")).toEqual(["targets", "no YouTube account is connected"]);
    expect(formFieldError("captions", "too long")).toEqual(["captions", "too long"]);
    expect(formFieldError("body", "x")).toBeNull();
  });
});
