import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileMemo } from "./file-memo";

let dir: string;
beforeAll(async () => void (dir = await fs.mkdtemp(path.join(os.tmpdir(), "file-memo-"))));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("fileMemo", () => {
  it("derives once per file state and extra key, shares a derivation in flight, forgets failures and the oldest past its size", async () => {
    const a = path.join(dir, "a.txt");
    const b = path.join(dir, "b.txt");
    await fs.writeFile(a, "one");
    await fs.writeFile(b, "bee");
    const memo = fileMemo<string>(2);
    let derived = 0;
    const read = (file: string, extra: unknown = null) => memo(file, extra, async () => (derived++, fs.readFile(file, "utf8")));

    expect(await Promise.all([read(a), read(a)])).toEqual(["one", "one"]);
    expect(derived).toBe(1);
    expect(await read(a, 2)).toBe("one");
    expect(derived).toBe(2);

    // A changed file (size and mtime) is derived again.
    await fs.writeFile(a, "three");
    await fs.utimes(a, new Date(), new Date(Date.now() + 5_000));
    expect(await read(a)).toBe("three");
    expect(derived).toBe(3);

    // At most 2 kept: (a, 2) was the oldest and goes when b arrives.
    expect(await read(b)).toBe("bee");
    expect(await read(a)).toBe("three");
    expect(derived).toBe(4);
    expect(await read(a, 2)).toBe("three");
    expect(derived).toBe(5);

    // A failure is not kept: the next ask tries again.
    let fail = true;
    const flaky = () => memo(b, "flaky", async () => (derived++, fail ? Promise.reject(new Error("no")) : "ok"));
    await expect(flaky()).rejects.toThrow("no");
    fail = false;
    expect(await flaky()).toBe("ok");
    expect(derived).toBe(7);

    // A file that is not there is an error of its own, before anything is derived.
    await expect(read(path.join(dir, "missing"))).rejects.toThrow(/ENOENT/);
    expect(derived).toBe(7);
  });
});
