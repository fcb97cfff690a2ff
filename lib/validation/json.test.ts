import { describe, expect, it } from "vitest";
import { jsonObject, jsonProblem, jsonTextDepth, MAX_JSON_DEPTH } from "./json";

const nested = (depth: number) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown;

describe("jsonTextDepth", () => {
  it("counts nesting on the text, ignoring brackets inside strings", () => {
    expect(jsonTextDepth('{"a":1}')).toBe(1);
    expect(jsonTextDepth('{"a":[{"b":"[[[[{{{"}]}')).toBe(3);
    expect(jsonTextDepth('{"a":"\\"[[["}')).toBe(1);
    expect(jsonTextDepth("[".repeat(100_000) + "]".repeat(100_000))).toBe(100_000);
    expect(jsonTextDepth("12")).toBe(0);
  });
});

describe("jsonProblem", () => {
  const limits = { maxDepth: MAX_JSON_DEPTH, maxBytes: 1024 };

  it("accepts plain JSON within the limits", () => {
    expect(jsonProblem({ a: [1, "x", null, true, { b: nested(MAX_JSON_DEPTH - 3) }] }, limits)).toBeNull();
    // What a form leaves unset: JSON.stringify drops it.
    expect(jsonProblem({ a: undefined, b: [undefined] }, limits)).toBeNull();
  });

  it("names the path of what jsonb or a recursive reader would choke on, without recursing itself", () => {
    expect(jsonProblem({ a: nested(MAX_JSON_DEPTH) }, limits)).toMatchObject({ message: expect.stringMatching(/nested too deeply/) });
    expect(jsonProblem(nested(50_000), limits)).toMatchObject({ path: expect.any(Array), message: expect.stringMatching(/nested too deeply/) });
    expect(jsonProblem({ a: { b: ["ok", "x\u0000"] } }, limits)).toEqual({ path: ["a", "b", 1], message: expect.stringMatching(/NUL/) });
    expect(jsonProblem({ "k\ud800": 1 }, limits)).toEqual({ path: ["k\ud800"], message: expect.stringMatching(/key .*Unicode/) });
    expect(jsonProblem({ a: "x".repeat(2000) }, limits)).toMatchObject({ path: [], message: "must be at most 1 KiB as JSON" });
    expect(jsonProblem({ a: new Date() }, limits)).toMatchObject({ path: ["a"], message: "must be plain JSON" });
  });
});

describe("jsonObject()", () => {
  const payload = jsonObject({ label: "callbackPayload", maxBytes: 1024 });

  it("is an object whose problems are issues at their own path", () => {
    expect(payload.parse({ orderId: 42, tags: ["a"] })).toEqual({ orderId: 42, tags: ["a"] });
    expect(payload.safeParse([1]).error?.issues[0].message).toBe("callbackPayload must be an object");
    const deep = payload.safeParse({ a: nested(40) });
    expect(deep.error?.issues[0].path.slice(0, 2)).toEqual(["a", 0]);
    expect(deep.error?.issues[0].message).toMatch(/^callbackPayload\.a\.0\.0.* is nested too deeply \(at most 32 levels/);
    expect(payload.safeParse({ a: "\u0000" }).error?.issues[0].message).toBe("callbackPayload.a must not contain NUL (\\u0000)");
  });

  it("keeps an own __proto__ key out of the parsed object", () => {
    const parsed = payload.parse(JSON.parse('{"__proto__":{"polluted":1},"a":1}'));
    expect(parsed).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
