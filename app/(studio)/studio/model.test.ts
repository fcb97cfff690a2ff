import { describe, expect, it } from "vitest";
import { MAX_SCENES, draftProblems, initialDraft, sceneErrors, studioReducer, type StudioBackground, type StudioDraft } from "./model";

const square = (n: number): StudioBackground => ({ source: `sq-${n}`, previewUrl: `/sq/${n}`, label: `Square ${n}`, aspectRatio: "1:1" });
const tall = (n: number): StudioBackground => ({ source: `v-${n}`, previewUrl: `/v/${n}`, label: `Vertical ${n}`, aspectRatio: "9:16" });

function withScenes(n: number): StudioDraft {
  let d = initialDraft(1);
  for (let i = 1; i < n; i++) d = studioReducer(d, { type: "add" });
  return d;
}

describe("studioReducer", () => {
  it("adds after the selected scene, keeping its character, background and placement, and stops at five", () => {
    let d = initialDraft(1);
    d = studioReducer(d, { type: "scene", key: d.selected, patch: { background: tall(1), x: 30, y: 70, scale: 0.5 } });
    d = studioReducer(d, { type: "add" });
    expect(d.scenes).toHaveLength(2);
    expect(d.selected).toBe(d.scenes[1].key);
    expect(d.scenes[1]).toMatchObject({ text: "", characterId: 1, background: tall(1), x: 30, y: 70, scale: 0.5 });
    const full = withScenes(MAX_SCENES);
    expect(studioReducer(full, { type: "add" })).toBe(full);
  });

  it("removes a scene (never the last one) and selects its neighbour", () => {
    const d = withScenes(3);
    const [a, b, c] = d.scenes.map((s) => s.key);
    const removed = studioReducer({ ...d, selected: c }, { type: "remove", key: c });
    expect(removed.scenes.map((s) => s.key)).toEqual([a, b]);
    expect(removed.selected).toBe(b);
    const one = initialDraft(null);
    expect(studioReducer(one, { type: "remove", key: one.selected })).toBe(one);
  });

  it("moves a scene up and down within bounds", () => {
    const d = withScenes(3);
    const [a, b, c] = d.scenes.map((s) => s.key);
    expect(studioReducer(d, { type: "move", key: b, by: -1 }).scenes.map((s) => s.key)).toEqual([b, a, c]);
    expect(studioReducer(d, { type: "move", key: c, by: 1 })).toBe(d);
  });

  it("keeps placement inside the frame and the scale inside 0.1-2.0", () => {
    const d = initialDraft(null);
    const s = studioReducer(d, { type: "scene", key: d.selected, patch: { x: -5, y: 123.456, scale: 9 } }).scenes[0];
    expect(s).toMatchObject({ x: 0, y: 100, scale: 2 });
    expect(studioReducer(d, { type: "scene", key: d.selected, patch: { x: 33.333, scale: 0.01 } }).scenes[0]).toMatchObject({ x: 33.3, scale: 0.1 });
  });

  it("swaps a built-in background for the same-numbered one of the new aspect ratio; other backgrounds stay", () => {
    let d = withScenes(2);
    d = studioReducer(d, { type: "scene", key: d.scenes[0].key, patch: { background: tall(2) } });
    const upload: StudioBackground = { source: "media:x", previewUrl: "/m/x", label: "mine.png" };
    d = studioReducer(d, { type: "scene", key: d.scenes[1].key, patch: { background: upload } });
    const gallery = [square(0), square(1), square(2), tall(0), tall(1), tall(2)];
    const sq = studioReducer(d, { type: "aspect", aspectRatio: "1:1", gallery });
    expect(sq.aspectRatio).toBe("1:1");
    expect(sq.scenes.map((s) => s.background?.source)).toEqual(["sq-2", "media:x"]);
  });
});

describe("draftProblems", () => {
  it("names each incomplete scene and what it lacks", () => {
    let d = withScenes(2);
    d = studioReducer(d, { type: "scene", key: d.scenes[0].key, patch: { text: "Hello there", background: tall(0) } });
    expect(draftProblems(d, new Set([1]))).toEqual(["Scene 2: write what the character says, choose a background"]);
    expect(draftProblems(d, new Set())).toEqual([
      "Scene 1: choose a character",
      "Scene 2: write what the character says, choose a background, choose a character",
    ]);
  });
});

describe("sceneErrors", () => {
  it("puts each refusal next to its scene's field in the creator's words, and keeps the rest apart", () => {
    const { byScene, other } = sceneErrors(
      {
        "scenes.1.characterId": "scenes.1.characterId: no character 7 in this workspace",
        "scenes.0.backgroundSource": "scenes.0.backgroundSource: the image is GIF; backgrounds must be JPG or PNG",
        "scenes.1.x": "x must be from 0 to 100",
        _: "Not enough credits",
      },
      ["a", "b"],
    );
    expect(byScene.get("a")).toEqual({ background: "The image is GIF; backgrounds must be JPG or PNG" });
    expect(byScene.get("b")).toEqual({ character: "No character 7 in this workspace", placement: "X must be from 0 to 100" });
    expect(other).toEqual(["Not enough credits"]);
  });
});
