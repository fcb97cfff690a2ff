import { describe, expect, it } from "vitest";
import { checkPasswordStrength } from "./password-strength";

describe("password strength", () => {
  it("refuses common passwords, keyboard walks and l33t spellings, saying why", () => {
    expect(checkPasswordStrength("password123")).toEqual({
      ok: false,
      reason: "this is a commonly used password. Add more words that are less common.",
    });
    for (const weak of ["password", "qwertyuiop", "12345678", "P@ssw0rd1", "iloveyou2", "aaaaaaaaaaaa"]) {
      const verdict = checkPasswordStrength(weak);
      expect(verdict.ok, weak).toBe(false);
      if (!verdict.ok) expect(verdict.reason.length, weak).toBeGreaterThan(10);
    }
  });

  it("accepts passphrases and long random strings", () => {
    for (const strong of ["quiet-harbor-lantern-42", "correct-horse-battery", "Tr0ub4dour&3x", "vK9#mQ2$wL7p"]) {
      expect(checkPasswordStrength(strong), strong).toEqual({ ok: true });
    }
  });

  it("counts the account's own email and name as guessable", () => {
    const account = ["zorvexq.tandil@studio.example", "Zorvexq Tandil"];
    for (const own of ["zorvexq.tandil", "zorvexqtandil", "zorvexq.tandil@studio.example"]) {
      expect(checkPasswordStrength(own), own).toEqual({ ok: true });
      expect(checkPasswordStrength(own, account), own).toEqual({
        ok: false,
        reason: "there should not be any personal or page related data. Add more words that are less common.",
      });
    }
  });

  it("judges only a long password's first 64 characters, where the matchers' cost stays bounded", () => {
    // Without the length and substitution caps, each of these 200-character passwords takes seconds of CPU. The cap is
    // checked by what it does (the verdict is that of the first 64 characters), not by a stopwatch.
    for (const unit of ["p4ssw0rd", "P@ssw0rd1!", "abc123!", "@4$"]) {
      const long = unit.repeat(40).slice(0, 200);
      expect(checkPasswordStrength(long), unit).toEqual(checkPasswordStrength(long.slice(0, 64)));
    }
  });
});
