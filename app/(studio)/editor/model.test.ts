import { describe, expect, it } from "vitest";
import { creatorWords, defaultCreative, detectVariables, fillVariables, locateError, parseImport, toVideoCreative } from "./model";

const ann = { id: "character-3", name: "Ann", photoUrl: null };
/** The compiled JSON, read as the API's client would. */
type Compiled = { scenes: Array<{ tracks: unknown[]; intrinsicDurationTrackReference?: string }> };

describe("editor model", () => {
  it("starts with an actor scene when there is a character, else a timed text scene", () => {
    const withActor = toVideoCreative(defaultCreative([ann], [{ name: "local-en-us", displayName: "Narrator" }])) as Compiled;
    expect(withActor.scenes[0].tracks[0]).toMatchObject({ type: "actor", actor: "character-3", speakerId: "local-en-us", referenceId: "speech" });
    expect(withActor.scenes[0].intrinsicDurationTrackReference).toBe("speech");
    const textOnly = toVideoCreative(defaultCreative([], [])) as Compiled;
    expect(textOnly.scenes[0].tracks[0]).toMatchObject({ type: "text", duration: 4000 });
  });

  it("exports without React keys, empty fields or a 'none' transition, and re-imports the same body", () => {
    const vc = toVideoCreative(defaultCreative([ann], []));
    expect(JSON.stringify(vc)).not.toMatch(/"key"|"transition"|""/);
    const back = parseImport(JSON.stringify({ videoCreative: vc, dynamicVariables: { name: 7 } }));
    expect(toVideoCreative(back.creative)).toEqual(vc);
    expect(back.dynamicVariables).toEqual({ name: "7" });
    expect(toVideoCreative(parseImport(JSON.stringify(vc)).creative)).toEqual(vc);
  });

  it("explains bad imports with a path", () => {
    expect(() => parseImport("{")).toThrow(/Not valid JSON/);
    expect(() => parseImport('{"scenes":[{"tracks":[{"type":"gif"}]}]}')).toThrow("videoCreative.scenes[0].tracks[0].type");
  });

  it("finds and fills {variables}", () => {
    expect(detectVariables(defaultCreative([], []))).toEqual(["name"]);
    expect(fillVariables("Hi {name}, {missing}", { name: "Bo" })).toBe("Hi Bo, {missing}");
  });

  it("locates scene and track in a server message", () => {
    expect(locateError("scenes[1].tracks[2].text: too long")).toEqual({ scene: 1, track: 2, field: "text", text: "too long" });
    expect(locateError("videoCreative.scenes[0].duration: must be positive")).toEqual({
      scene: 0,
      track: undefined,
      field: "duration",
      text: "must be positive",
    });
    expect(locateError("videoCreative.scenes[0].tracks[1].position.x: must be a number")).toMatchObject({
      track: 1,
      field: "position",
      text: "must be a number",
    });
    expect(locateError("Scene scenes[2] cannot be read")).toEqual({ scene: 2, track: undefined, field: undefined, text: "Scene scenes[2] cannot be read" });
    expect(locateError("settings.name: required")).toBeNull();
  });
});

describe("render refusals in the creator's words", () => {
  it("names the scene, the track and the field as the editor shows them", () => {
    const { creative } = parseImport(
      JSON.stringify({
        videoCreative: {
          settings: { name: "V" },
          scenes: [
            {
              name: "Intro",
              duration: 1000,
              tracks: [
                { type: "text", text: "Hi" },
                { type: "image", imageUrl: "x" },
              ],
            },
          ],
        },
      }),
    );
    expect(creatorWords("videoCreative.scenes[0].tracks[1].imageUrl: not allowed or unreachable", creative)).toBe(
      "Scene 1 (Intro), Image track 2, the image: not allowed or unreachable",
    );
    expect(creatorWords("videoCreative.scenes[0].duration: must be positive", creative)).toBe("Scene 1 (Intro), the length: must be positive");
    expect(creatorWords("videoCreative.settings.videoSize.width: too large", creative)).toBe("Video settings, the video size: too large");
    expect(creatorWords("something else entirely", creative)).toBe("something else entirely");
  });
});
