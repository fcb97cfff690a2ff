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

  it("checks a crafted 200-character password in bounded time", () => {
    const started = performance.now();
    for (const unit of ["p4ssw0rd", "P@ssw0rd1!", "abc123!", "@4$"]) checkPasswordStrength(unit.repeat(40).slice(0, 200));
    // Without the length and substitution caps these four take seconds of CPU each.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
