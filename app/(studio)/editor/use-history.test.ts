import { describe, expect, it } from "vitest";
import { redone, undone, withChange } from "./use-history";

describe("the editor's undo history", () => {
  const start = { past: [] as string[], present: "a", future: [] as string[], at: 0 };

  it("undoes and redoes each step, and a new change drops the redo steps", () => {
    const h1 = withChange(start, "b", 1000);
    const h2 = withChange(h1, "c", 5000);
    expect(h2.past).toEqual(["a", "b"]);
    const back = undone(h2);
    expect(back.present).toBe("b");
    expect(redone(back).present).toBe("c");
    const branched = withChange(back, "x", 9000);
    expect(branched.future).toEqual([]);
    expect(undone(branched).present).toBe("b");
  });

  it("counts a burst of edits (a drag) as one step", () => {
    let h = withChange(start, "a1", 1000);
    for (let i = 2; i < 20; i++) h = withChange(h, `a${i}`, 1000 + i * 50);
    expect(h.present).toBe("a19");
    expect(undone(h).present).toBe("a");
  });

  it("keeps a discrete action its own step, however quickly the next edit follows", () => {
    const moved = withChange(start, "moved", 1000, true);
    const deleted = withChange(moved, "deleted", 1100, true);
    const typed = withChange(deleted, "typed", 1200);
    expect(undone(typed).present).toBe("deleted");
    expect(undone(undone(typed)).present).toBe("moved");
    expect(undone(undone(undone(typed))).present).toBe("a");
  });
});
