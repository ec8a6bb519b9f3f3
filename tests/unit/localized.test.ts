import { describe, expect, it } from "vitest";
import { localizedText, pick } from "~/domain/localized";

describe("localizedText", () => {
  it("refuses text missing a language", () => {
    expect(localizedText.safeParse({ en: "Hello", ur: "سلام" }).success).toBe(false);
  });
  it("picks the asked language", () => {
    expect(pick({ en: "Hello", ur: "سلام", pl: "Cześć" }, "pl")).toBe("Cześć");
  });
});
