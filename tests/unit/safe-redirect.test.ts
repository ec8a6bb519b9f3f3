import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/lib/safe-redirect";

describe("safeRedirect", () => {
  it("allows same-site paths, with query and fragment", () => {
    for (const path of [
      "/",
      "/money",
      "/money/budget?week=2&view=full",
      "/health#today",
      "/search?q=%D8%B3%D9%84%D8%A7%D9%85", // Urdu, percent-encoded
      "/a/b/../c",
    ]) {
      expect(safeRedirect(path), path).toBe(path);
    }
  });

  it("uses the fallback (default '/') when refusing", () => {
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example", "/home")).toBe("/home");
  });

  const refused: [string, unknown][] = [
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with path", "//evil.example/sign-in"],
    ["triple slash", "///evil.example"],
    ["slash backslash", "/\\evil.example"],
    ["double backslash", "\\\\evil.example"],
    ["backslash later in the path", "/ok\\..\\\\evil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded backslash, lower case", "/%5cevil.example"],
    ["encoded slash", "/%2F/evil.example"],
    ["encoded slash at once", "/%2Fevil.example"],
    ["double-encoded slash", "/%252F%252Fevil.example"],
    ["encoded tab before slash", "/%09/evil.example"],
    ["dot segment to //", "/.//evil.example"],
    ["absolute https", "https://evil.example"],
    ["absolute http", "http://evil.example/path"],
    ["scheme-relative without slash", "evil.example"],
    ["relative path", "money/budget"],
    ["javascript:", "javascript:alert(1)"],
    ["JavaScript: upper case", "JaVaScRiPt:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["tab trick", "/\t/evil.example"],
    ["newline trick", "/\n/evil.example"],
    ["carriage return", "/money\r\nSet-Cookie: x=1"],
    ["NUL", "/money\u0000"],
    ["leading space", " /money"],
    ["leading space before //", " //evil.example"],
    ["trailing space", "/money "],
    ["non-breaking space", "/\u00a0/evil.example"],
    ["broken percent escape", "/money%"],
    ["very long", "/" + "a".repeat(3000)],
    ["empty string", ""],
    ["non-string: undefined", undefined],
    ["non-string: null", null],
    ["non-string: number", 42],
    ["non-string: array", ["/money"]],
    ["non-string: URL object", new URL("https://evil.example")],
  ];
  for (const [name, target] of refused) {
    it(`refuses ${name}`, () => {
      expect(safeRedirect(target, "/fallback")).toBe("/fallback");
    });
  }
});
