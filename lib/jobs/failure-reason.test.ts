import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { AppError, KnownFailure } from "@/lib/errors";
import { failureReason } from "./failure-reason";

describe("failureReason", () => {
  it("is the message of an error meant for users, else the first line of a domain error", () => {
    expect(failureReason(new AppError("not_found", "media:0000 is not a file of this workspace"))).toBe("media:0000 is not a file of this workspace");
    expect(failureReason(new KnownFailure("the image could not be fetched", false))).toBe("the image could not be fetched");
    expect(failureReason(new Error("scenes[0].tracks[1]: no frame\n  at x"))).toBe("scenes[0].tracks[1]: no frame");
    expect(failureReason("x".repeat(400))).toHaveLength(300);
  });

  it("never shows a query, a path or an address", () => {
    const query = new DrizzleQueryError(
      'select "id" from "media" where "media"."id" = $1',
      ["../../x"],
      new Error('invalid input syntax for type uuid: "../../x"'),
    );
    expect(failureReason(query)).toBe("a database error (logged on the server)");
    expect(failureReason(new Error("Failed query: select 1\nparams: "))).not.toMatch(/select/);
    expect(failureReason(Object.assign(new Error("ENOENT: no such file, open '/data/x'"), { syscall: "open" }))).not.toMatch(/data/);
  });
});
