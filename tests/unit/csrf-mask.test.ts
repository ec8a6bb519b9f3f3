import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "portal-csrf-"));
const { maskToken, unmaskToken } = await import("~/lib/security.server");
const { randomToken } = await import("~/lib/tokens.server");

describe("the CSRF token on each page", () => {
  it("differs on every page but always unmasks to the same token", () => {
    const token = randomToken();
    const a = maskToken(token);
    const b = maskToken(token);
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(unmaskToken(a)).toBe(token);
    expect(unmaskToken(b)).toBe(token);
  });

  it("unmasks nonsense to nothing", () => {
    for (const junk of ["", "abc", ".", "a.", ".b", "AAAA.AA"]) expect(unmaskToken(junk)).toBe("");
  });
});
