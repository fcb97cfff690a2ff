import { describe, expect, it } from "vitest";
import { resolveTimings, resolveTimeline, TimelineTimingError } from "./resolve-timing";
import { timelineSchema, type TimelineInput } from "./timeline";

const settings = { name: "t", videoSize: { width: 320, height: 180 } };
const parse = (t: TimelineInput) => timelineSchema.parse(t);
const lengths = new Map<string, number | null>([["narration", 7_000], ["clip", 4_000], ["broken", null]]);

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TimelineTimingError);
    return (e as TimelineTimingError).issues;
  }
  throw new Error("expected a timing error");
}

describe("timelineSchema", () => {
  it("applies fps and background defaults", () => {
    const t = parse({ settings, scenes: [{ duration: 1000, tracks: [{ type: "text", text: "hi" }] }] });
    expect(t.settings).toMatchObject({ fps: 25, backgroundColor: "#000000" });
  });
  it("rejects odd sizes, more than 4K pixels, and empty scenes", () => {
    expect(timelineSchema.safeParse({ settings: { ...settings, videoSize: { width: 321, height: 180 } }, scenes: [{ duration: 1, tracks: [{ type: "text", text: "x" }] }] }).success).toBe(false);
    expect(timelineSchema.safeParse({ settings: { ...settings, videoSize: { width: 3840, height: 3840 } }, scenes: [{ duration: 1, tracks: [{ type: "text", text: "x" }] }] }).success).toBe(false);
    expect(timelineSchema.safeParse({ settings, scenes: [{ duration: 1, tracks: [] }] }).success).toBe(false);
  });
});

describe("resolveTimings", () => {
  it("uses an explicit scene duration and fills the scene with tracks that have no length", () => {
    const r = resolveTimings(parse({ settings, scenes: [{ duration: 10_000, tracks: [{ type: "video", src: "clip", loop: true }, { type: "audio", src: "narration", startTimeGap: 500 }, { type: "text", text: "x" }] }] }), lengths);
    expect(r.scenes[0].durationMs).toBe(10_000);
    expect(r.scenes[0].tracks.map((t) => [t.startMs, t.durationMs])).toEqual([[0, 10_000], [500, 7_000], [0, 10_000]]);
  });

  it("infers the scene from its longest timed track, gaps included, and offsets later scenes", () => {
    const r = resolveTimings(parse({ settings, scenes: [
      { tracks: [{ type: "audio", src: "narration", startTimeGap: 300, endTimeGap: 200 }, { type: "video", src: "clip" }] },
      { tracks: [{ type: "image", src: "still", duration: 2_500 }] },
    ] }), lengths);
    expect(r.scenes.map((s) => [s.startMs, s.durationMs])).toEqual([[0, 7_500], [7_500, 2_500]]);
    expect(r.durationMs).toBe(10_000);
  });

  it("errors with the scene's path when nothing determines its length", () => {
    const issues = issuesOf(() => resolveTimings(parse({ settings, scenes: [
      { duration: 1000, tracks: [{ type: "text", text: "a" }] },
      { duration: 1000, tracks: [{ type: "text", text: "b" }] },
      { tracks: [{ type: "image", src: "still" }, { type: "audio", src: "broken" }] },
    ] }), lengths));
    expect(issues).toEqual([expect.objectContaining({ path: ["scenes", 2, "duration"] })]);
  });

  it("errors on an explicit track that cannot fit its explicit scene, and on gaps that leave no room", () => {
    const e = (() => {
      try {
        resolveTimings(parse({ settings, scenes: [{ duration: 1_000, tracks: [{ type: "text", text: "a", duration: 900, startTimeGap: 200 }, { type: "text", text: "b", startTimeGap: 1_000 }] }] }), lengths);
      } catch (err) {
        return err as TimelineTimingError;
      }
    })()!;
    expect(e.issues.map((i) => i.path.join("."))).toEqual(["scenes.0.tracks.0.duration", "scenes.0.tracks.1.startTimeGap"]);
    expect(e.message).toContain("scenes[0].tracks[0].duration");
  });

  it("rejects a fade longer than its scene", () => {
    const issues = issuesOf(() => resolveTimings(parse({ settings, scenes: [{ duration: 1_000, transition: { type: "fade", duration: 2_000 }, tracks: [{ type: "text", text: "a" }] }] }), lengths));
    expect(issues[0].path).toEqual(["scenes", 0, "transition", "duration"]);
  });

  it("asks for each distinct source's length once", async () => {
    const asked: string[] = [];
    const r = await resolveTimeline(parse({ settings, scenes: [{ tracks: [{ type: "audio", src: "narration" }] }, { tracks: [{ type: "audio", src: "narration" }] }] }), async (src) => {
      asked.push(src);
      return 3_000;
    });
    expect(asked).toEqual(["narration"]);
    expect(r.durationMs).toBe(6_000);
  });
});
