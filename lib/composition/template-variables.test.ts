import { describe, expect, it } from "vitest";
import { applyTemplateVariables, listTemplateVariables } from "./template-variables";
import { TimelineValidationError, type TimelineInput } from "./timeline";

const t: TimelineInput = {
  settings: { name: "t", videoSize: { width: 320, height: 180 } },
  scenes: [
    { duration: 1000, tracks: [{ type: "actor", actor: "ryan", text: "Dear {name}, we released {cool_stuff_1} and {cool_stuff_2}." }] },
    {
      duration: 1000,
      tracks: [
        { type: "text", text: "Hey {name}, {feature_name} is live! {not a var} {}" },
        { type: "image", src: "{name}.png" },
      ],
    },
  ],
};

describe("template variables", () => {
  it("lists the variables of actor scripts and text tracks", () => {
    expect(listTemplateVariables(t)).toEqual(["name", "cool_stuff_1", "cool_stuff_2", "feature_name"]);
  });
  it("replaces them literally and leaves other fields alone", () => {
    const out = applyTemplateVariables(t, { name: "John {feature_name}", cool_stuff_1: "A", cool_stuff_2: "B", feature_name: "AI" });
    expect(out.scenes[0].tracks[0]).toMatchObject({ text: "Dear John {feature_name}, we released A and B." });
    expect(out.scenes[1].tracks[0]).toMatchObject({ text: "Hey John {feature_name}, AI is live! {not a var} {}" });
    expect(out.scenes[1].tracks[1]).toMatchObject({ src: "{name}.png" });
    expect(t.scenes[0].tracks[0]).toMatchObject({ text: expect.stringContaining("{name}") });
  });
  it("reports every missing variable at once", () => {
    try {
      applyTemplateVariables(t, { name: "x" });
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(TimelineValidationError);
      expect((e as TimelineValidationError).issues.map((i) => i.path.join("."))).toEqual([
        "dynamicVariables.cool_stuff_1",
        "dynamicVariables.cool_stuff_2",
        "dynamicVariables.feature_name",
      ]);
      expect((e as Error).message).toContain("missing: cool_stuff_1, cool_stuff_2, feature_name");
    }
  });
});
