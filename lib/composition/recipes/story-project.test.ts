import { describe, expect, it } from "vitest";
import {
  compileStoryProject,
  compileStorySceneTimeline,
  storySceneCues,
  storySceneDurationMs,
  type StoryProjectInput,
  type StorySceneInput,
} from "./story-project";

const scene = (n: number, narrationDurationMs: number, narrationSrc: string | null = `media:n${n}`): StorySceneInput => ({
  sceneNumber: n,
  imageSrc: `media:i${n}`,
  cameraMove: "pan-left",
  narrationSrc,
  narrationDurationMs,
  segments: [{ text: `Sentence ${n}.`, startMs: 0, endMs: Math.max(1, narrationDurationMs) }],
});
const input = (over: Partial<StoryProjectInput> = {}): StoryProjectInput => ({
  title: "Night shift",
  width: 320,
  height: 180,
  fps: 25,
  burnCaptions: true,
  scenes: [scene(2, 12_000), scene(1, 4_000)],
  ...over,
});

describe("compileStoryProject", () => {
  it("orders scenes and makes each as long as its narration plus an 800 ms breath, at least 3 s, or the creator's hold", () => {
    const t = compileStoryProject(input());
    expect(t.scenes.map((s) => [s.name, s.duration])).toEqual([
      ["Scene 1", 4_800],
      ["Scene 2", 12_800],
    ]);
    const short = compileStoryProject(input({ scenes: [scene(1, 1_000), { ...scene(2, 4_000), holdMs: 9_000 }, { ...scene(3, 12_000), holdMs: 5_000 }] }));
    // A hold lengthens a scene; it never cuts its narration.
    expect(short.scenes.map((s) => s.duration)).toEqual([3_000, 9_000, 12_800]);
    expect(t.settings).toEqual({ name: "Night shift", videoSize: { width: 320, height: 180 }, fps: 25, backgroundColor: "#000000" });
  });

  it("renders the frame with its camera move (no pre-encoded clip), adds the narration and its captions", () => {
    const [s] = compileStoryProject(input()).scenes;
    expect(s.tracks).toEqual([
      { type: "image", src: "media:i1", fit: "cover", motion: "pan-left" },
      { type: "audio", src: "media:n1", volume: 1 },
      { type: "captions", segments: [{ text: "Sentence 1.", startMs: 0, endMs: 4_000 }], style: { position: "bottom" } },
    ]);
  });

  it("leaves captions out when not burned and audio out when there is no narration", () => {
    const t = compileStoryProject(input({ burnCaptions: false, scenes: [scene(1, 0, null)] }));
    expect(t.scenes[0].tracks.map((tr) => tr.type)).toEqual(["image"]);
  });

  it("uses a provider's clip as a looping silent video track in place of the frame", () => {
    const [s] = compileStoryProject(input({ scenes: [{ ...scene(1, 4_000), clipSrc: "media:c1" }] })).scenes;
    expect(s.tracks[0]).toEqual({ type: "video", src: "media:c1", loop: true, volume: 0 });
  });

  it("makes a talking-head scene an actor speaking the narration over the frame, with no second narration track", () => {
    const [s] = compileStoryProject(input({ scenes: [{ ...scene(1, 4_000), actor: "character-7" }] })).scenes;
    expect(s.tracks.map((t) => t.type)).toEqual(["image", "actor", "captions"]);
    expect(s.tracks[1]).toMatchObject({ type: "actor", actor: "character-7", src: "media:n1", variant: "full_body", duration: 4_800 });
  });

  it("lays the music bed under the whole story, never under one scene's own timeline", () => {
    const whole = compileStoryProject(input({ music: "builtin:music/calm" }));
    expect(whole.settings.music).toEqual({ src: "builtin:music/calm", volume: 0.35, duck: true });
    const { scenes, ...rest } = input({ music: "builtin:music/calm" });
    expect(compileStorySceneTimeline(rest, scenes[0]).settings.music).toBeUndefined();
  });

  it("compiles one scene on its own exactly as inside the whole project", () => {
    const whole = compileStoryProject(input());
    const { scenes, ...rest } = input();
    const single = compileStorySceneTimeline(rest, scenes[0]);
    expect(single.settings).toEqual(whole.settings);
    expect(single.scenes).toEqual([whole.scenes[1]]);
  });

  it("rounds a scene up to a whole frame so narration is never cut", () => {
    expect(storySceneDurationMs(10_001, 25)).toBe(10_840);
    expect(storySceneDurationMs(9_500, 30)).toBe(10_300);
    expect(storySceneDurationMs(12_345.4, 25) >= 12_346 + 800).toBe(true);
    expect(storySceneDurationMs(1_000, 25, 7_010)).toBe(7_040);
  });
});

describe("caption edits", () => {
  const spoken = [
    { text: "  ", startMs: 0, endMs: 200 },
    { text: "The lamp turns.", startMs: 200, endMs: 1_500 },
    { text: "Night falls.", startMs: 1_500, endMs: 9_000 },
  ];

  it("keys cues by their index in the narration and words them as edited", () => {
    expect(storySceneCues(spoken, 4_000, { "2": "Night comes." })).toEqual([
      { cue: 1, text: "The lamp turns.", startMs: 200, endMs: 1_500 },
      { cue: 2, text: "Night comes.", startMs: 1_500, endMs: 4_000 },
    ]);
  });

  it("changes only the edited scene's segment, and its scene timeline is the one the project renders", () => {
    const scenes = [scene(1, 4_000), scene(2, 5_000), scene(3, 6_000)];
    const before = compileStoryProject(input({ scenes }));
    const edited = { ...scenes[1], captionEdits: { "0": "Sentence two, reworded." } };
    const after = compileStoryProject(input({ scenes: [scenes[0], edited, scenes[2]] }));
    const changed = after.scenes.map((s, i) => JSON.stringify(s) !== JSON.stringify(before.scenes[i]));
    expect(changed).toEqual([false, true, false]);
    expect(after.scenes[1].tracks.at(-1)).toMatchObject({ type: "captions", segments: [{ text: "Sentence two, reworded." }] });
    const { scenes: _s, ...settings } = input();
    expect(compileStorySceneTimeline(settings, edited).scenes[0]).toEqual(after.scenes[1]);
  });
});
