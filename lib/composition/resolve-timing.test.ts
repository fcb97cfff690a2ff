import { describe, expect, it } from "vitest";
import { resolveTimeline, resolveTimings, TimelineValidationError } from "./resolve-timing";
import { parseTimeline, timelineSchema, videoSizePreset, type TimelineInput, type Track } from "./timeline";

const settings = { name: "t", videoSize: { width: 1920, height: 1080 } };
const parse = (t: TimelineInput) => timelineSchema.parse(t);
const lengths = new Map<string, number | null>([
  ["narration", 7_000],
  ["clip", 4_000],
  ["broken", null],
  ["https://your.cdn.com/public/videos/some_video.mp4", 6_000],
]);
/** Actor tracks speak for 3.2 s; everything else from `lengths`. */
const lookup = (track: Track) => (track.type === "actor" ? 3_200 : "src" in track && track.src ? (lengths.get(track.src) ?? null) : null);
const actor = { type: "actor" as const, position: { x: 200, y: 200 }, size: { height: 680, width: 1520 }, speakerId: "en-GB-RyanNeural", actor: "ryan" };

function errorOf(fn: () => unknown): TimelineValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TimelineValidationError);
    return e as TimelineValidationError;
  }
  throw new Error("expected a validation error");
}
const paths = (e: TimelineValidationError) => e.issues.map((i) => i.path.join("."));

describe("timelineSchema", () => {
  it("applies defaults, accepts Colossyan's url names and folds them into src", () => {
    const t = parse({
      settings,
      scenes: [
        {
          duration: 1000,
          tracks: [
            { type: "image", imageUrl: "https://x/i.jpg" },
            { type: "video", videoUrl: "v" },
            { type: "audio", audioUrl: "a" },
            { type: "image", src: "media:1" },
            { type: "actor", actor: "ryan", text: "hi" },
          ],
        },
      ],
    });
    expect(t.settings).toMatchObject({ fps: 25, backgroundColor: "#000000" });
    expect(t.scenes[0].tracks.map((x) => ("src" in x ? x.src : undefined))).toEqual(["https://x/i.jpg", "v", "a", "media:1", undefined]);
    expect(t.scenes[0].tracks[0]).not.toHaveProperty("imageUrl");
    expect(t.scenes[0].tracks[4]).toMatchObject({ variant: "shoulder" });
  });
  it("rejects odd sizes, more than 4K pixels, and empty scenes; has size presets", () => {
    const one = [{ duration: 1, tracks: [{ type: "text", text: "x" }] }];
    expect(timelineSchema.safeParse({ settings: { ...settings, videoSize: { width: 321, height: 180 } }, scenes: one }).success).toBe(false);
    expect(timelineSchema.safeParse({ settings: { ...settings, videoSize: { width: 3840, height: 3840 } }, scenes: one }).success).toBe(false);
    expect(timelineSchema.safeParse({ settings, scenes: [{ duration: 1, tracks: [] }] }).success).toBe(false);
    expect(videoSizePreset("9:16")).toEqual({ width: 1080, height: 1920 });
    expect(videoSizePreset("4:5", 540)).toEqual({ width: 432, height: 540 });
  });
  it("names the path of an unknown track type and of a missing source", () => {
    const e = errorOf(() => parseTimeline({ settings, scenes: [{ duration: 1, tracks: [{ type: "text", text: "x" }, { type: "hologram" }] }] }));
    expect(e.message.startsWith("scenes[0].tracks[1].type")).toBe(true);
    const e2 = errorOf(() => parseTimeline({ settings, scenes: [{ duration: 1, tracks: [{ type: "image" }] }] }));
    expect(e2.message).toMatch(/^scenes\[0\]\.tracks\[0\]\.src: imageUrl/);
    const e3 = errorOf(() => parseTimeline({ settings, scenes: [{ duration: 1, tracks: [{ type: "actor", actor: "a" }] }] }));
    expect(paths(e3)).toEqual(["scenes.0.tracks.0.text"]);
  });
});

describe("resolveTimings (Colossyan's examples)", () => {
  it("a single-scene actor track decides the scene's length", () => {
    const r = resolveTimings(parse({ settings, scenes: [{ tracks: [{ ...actor, text: "Hello" }] }] }), lookup);
    expect([r.scenes[0].durationMs, r.scenes[0].tracks[0].durationMs]).toEqual([3_200, 3_200]);
  });
  it("an explicit 2 s scene cuts the longer actor", () => {
    const r = resolveTimings(
      parse({ settings, scenes: [{ duration: 2000, tracks: [{ ...actor, text: "This scene is exactly two seconds long." }] }] }),
      lookup,
    );
    expect([r.scenes[0].durationMs, r.scenes[0].tracks[0].durationMs]).toEqual([2_000, 2_000]);
  });
  it("a scene lasting until the actor stops speaking (intrinsicDurationTrackReference)", () => {
    const r = resolveTimings(
      parse({
        settings,
        scenes: [
          {
            intrinsicDurationTrackReference: "speech",
            tracks: [
              { type: "video", src: "clip" },
              { ...actor, referenceId: "speech", text: "It does not matter how long I am talking.", startTimeGap: 300 },
              { type: "text", text: "title" },
            ],
          },
        ],
      }),
      lookup,
    );
    expect(r.scenes[0].durationMs).toBe(3_500);
    expect(r.scenes[0].tracks.map((t) => [t.startMs, t.durationMs])).toEqual([
      [0, 3_500],
      [300, 3_200],
      [0, 3_500],
    ]);
  });
  it("a video's intrinsic duration", () => {
    const r = resolveTimings(
      parse({
        settings,
        scenes: [
          {
            tracks: [
              {
                type: "video",
                position: { x: 200, y: 200 },
                size: { height: 680, width: 1520 },
                videoUrl: "https://your.cdn.com/public/videos/some_video.mp4",
              },
            ],
          },
        ],
      }),
      lookup,
    );
    expect(r.scenes[0].durationMs).toBe(6_000);
  });
  it("an image with an explicit duration", () => {
    const r = resolveTimings(
      parse({ settings, scenes: [{ tracks: [{ type: "image", duration: 3000, position: { x: 200, y: 200 }, imageUrl: "i.jpg" }] }] }),
      lookup,
    );
    expect([r.scenes[0].durationMs, r.scenes[0].tracks[0].durationMs]).toEqual([3_000, 3_000]);
  });
  it("an image timed by its gaps in a 5 s scene", () => {
    const r = resolveTimings(
      parse({ settings, scenes: [{ duration: 5000, tracks: [{ type: "image", startTimeGap: 1000, endTimeGap: 2000, imageUrl: "i.jpg" }] }] }),
      lookup,
    );
    expect(r.scenes[0].tracks[0]).toMatchObject({ startMs: 1_000, durationMs: 2_000 });
  });
  it("media shorter than its gaps ends early; an endTimeGap alone anchors an explicit track to the end", () => {
    const r = resolveTimings(
      parse({
        settings,
        scenes: [
          {
            duration: 10_000,
            tracks: [
              { type: "audio", src: "narration", startTimeGap: 500, endTimeGap: 500 },
              { type: "text", text: "x", duration: 1_000, endTimeGap: 1_000 },
            ],
          },
        ],
      }),
      lookup,
    );
    expect(r.scenes[0].tracks.map((t) => [t.startMs, t.durationMs])).toEqual([
      [500, 7_000],
      [8_000, 1_000],
    ]);
  });
  it("infers only from exactly one timed track: none is undetermined, several are ambiguous", () => {
    const e = errorOf(() =>
      resolveTimings(
        parse({
          settings,
          scenes: [
            { duration: 1000, tracks: [{ type: "text", text: "a" }] },
            {
              tracks: [
                { type: "image", src: "still" },
                { type: "audio", src: "broken" },
              ],
            },
            {
              tracks: [
                { type: "audio", src: "narration" },
                { type: "video", src: "clip" },
              ],
            },
          ],
        }),
        lookup,
      ),
    );
    expect(paths(e)).toEqual(["scenes.1", "scenes.2"]);
    expect(e.issues[0].message).toMatch(/undetermined/);
    expect(e.issues[1].message).toMatch(/ambiguous/);
    expect(e.message.startsWith("scenes[1]: ")).toBe(true);
  });
  it("a looping video has no length of its own, so the narration decides", () => {
    const r = resolveTimings(
      parse({
        settings,
        scenes: [
          {
            tracks: [
              { type: "video", src: "clip", loop: true },
              { type: "audio", src: "narration" },
            ],
          },
        ],
      }),
      lookup,
    );
    expect(r.scenes[0].tracks.map((t) => t.durationMs)).toEqual([7_000, 7_000]);
  });
  it("rejects a reference to a missing track or one without a length", () => {
    const e = errorOf(() =>
      resolveTimings(
        parse({
          settings,
          scenes: [
            { intrinsicDurationTrackReference: "nope", tracks: [{ type: "text", text: "a", referenceId: "t" }] },
            { intrinsicDurationTrackReference: "t", tracks: [{ type: "text", text: "a", referenceId: "t" }] },
          ],
        }),
        lookup,
      ),
    );
    expect(paths(e)).toEqual(["scenes.0.intrinsicDurationTrackReference", "scenes.1.intrinsicDurationTrackReference"]);
  });
  it("rejects over-constrained tracks and tracks starting after the scene", () => {
    const e = errorOf(() =>
      resolveTimings(
        parse({
          settings,
          scenes: [
            {
              duration: 5_000,
              tracks: [
                { type: "image", src: "i", duration: 1_000, startTimeGap: 1_000, endTimeGap: 1_000 },
                { type: "image", src: "i", duration: 3_000, startTimeGap: 1_000, endTimeGap: 1_000 },
                { type: "text", text: "b", startTimeGap: 5_000 },
              ],
            },
          ],
        }),
        lookup,
      ),
    );
    expect(paths(e)).toEqual(["scenes.0.tracks.0.duration", "scenes.0.tracks.2.startTimeGap"]);
    expect(e.message).toContain("scenes[0].tracks[0].duration: over-constrained");
  });
  it("overlaps scenes joined by an xfade transition and rejects one longer than a scene", () => {
    const r = resolveTimings(
      parse({
        settings,
        scenes: [
          { duration: 2_000, transition: { type: "wipeleft", duration: 500 }, tracks: [{ type: "text", text: "a" }] },
          { duration: 3_000, transition: { type: "dissolve", duration: 500 }, tracks: [{ type: "text", text: "b" }] },
        ],
      }),
      lookup,
    );
    expect(r.scenes.map((s) => [s.startMs, s.overlapMs])).toEqual([
      [0, 500],
      [1_500, 0],
    ]);
    expect(r.durationMs).toBe(4_500);
    const e = errorOf(() =>
      resolveTimings(
        parse({
          settings,
          scenes: [
            { duration: 1_000, transition: { type: "fade", duration: 2_000 }, tracks: [{ type: "text", text: "a" }] },
            { duration: 1_000, transition: { type: "slideup", duration: 1_000 }, tracks: [{ type: "text", text: "a" }] },
            { duration: 1_000, tracks: [{ type: "text", text: "a" }] },
          ],
        }),
        lookup,
      ),
    );
    expect(paths(e)).toEqual(["scenes.0.transition.duration", "scenes.1.transition.duration"]);
  });
  it("asks for each distinct source's length once", async () => {
    const asked: string[] = [];
    const r = await resolveTimeline(
      parse({ settings, scenes: [{ tracks: [{ type: "audio", src: "narration" }] }, { tracks: [{ type: "audio", src: "narration" }] }] }),
      async (src) => {
        asked.push(src);
        return 3_000;
      },
    );
    expect(asked).toEqual(["narration"]);
    expect(r.durationMs).toBe(6_000);
  });
});

describe("captions sources", () => {
  it("must reference an actor track with text in the same scene", () => {
    const e = errorOf(() =>
      parseTimeline({
        settings,
        scenes: [
          {
            duration: 1,
            tracks: [
              { type: "audio", src: "a", referenceId: "n" },
              { type: "captions", sourceTrackReference: "n" },
            ],
          },
        ],
      }),
    );
    expect(paths(e)).toEqual(["scenes.0.tracks.1.sourceTrackReference"]);
    expect(() =>
      parseTimeline({
        settings,
        scenes: [
          {
            duration: 1,
            tracks: [
              { type: "actor", actor: "a", text: "hi", referenceId: "n" },
              { type: "captions", sourceTrackReference: "n" },
            ],
          },
        ],
      }),
    ).not.toThrow();
  });
});
