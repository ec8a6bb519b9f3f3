import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  hashToken,
  normaliseCode,
  randomToken,
  shortCode,
  signValue,
  unsignValue,
} from "~/lib/tokens.server";

const SECRET = "a-test-secret-that-is-long-enough-000";
const OTHER = "another-test-secret-that-is-long-enough";

describe("randomToken", () => {
  it("is base64url of 32 random bytes by default", () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(randomToken(48)).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });
  it("does not repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
  });
  it("refuses too few bytes", () => {
    expect(() => randomToken(8)).toThrow();
  });
});

describe("hashToken", () => {
  it("is SHA-256 hex", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("abd")).not.toBe(hashToken("abc"));
  });
});

describe("signValue / unsignValue", () => {
  it("round-trips", () => {
    const signed = signValue("session-123", SECRET);
    expect(signed.startsWith("session-123.")).toBe(true);
    expect(unsignValue(signed, SECRET)).toBe("session-123");
    expect(unsignValue(signValue("has.dots.in.it", SECRET), SECRET)).toBe("has.dots.in.it");
    expect(unsignValue(signValue("", SECRET), SECRET)).toBe("");
  });
  it("refuses a changed value, a changed signature, or another secret", () => {
    const signed = signValue("session-123", SECRET);
    const [value, sig] = [signed.slice(0, signed.lastIndexOf(".")), signed.slice(signed.lastIndexOf(".") + 1)];
    expect(unsignValue(`session-124.${sig}`, SECRET)).toBeNull();
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(unsignValue(`${value}.${flipped}`, SECRET)).toBeNull();
    expect(unsignValue(`${value}.${sig.slice(0, -2)}`, SECRET)).toBeNull(); // shorter signature
    expect(unsignValue(`${value}.`, SECRET)).toBeNull();
    expect(unsignValue(value, SECRET)).toBeNull();
    expect(unsignValue(signed, OTHER)).toBeNull();
    expect(unsignValue(undefined as unknown as string, SECRET)).toBeNull();
  });
  it("refuses a short secret", () => {
    expect(() => signValue("x", "short")).toThrow(/at least 32/);
  });
});

describe("shortCode / normaliseCode", () => {
  it("looks like ABCD-EFGH-JK and avoids look-alike characters", () => {
    for (let i = 0; i < 200; i++) {
      const code = shortCode();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
      expect(code).not.toMatch(/[01OIL]/);
    }
    expect(CODE_ALPHABET).toHaveLength(31);
  });
  it("uses the whole alphabet and does not repeat", () => {
    const codes = Array.from({ length: 500 }, () => shortCode());
    expect(new Set(codes).size).toBe(500);
    const seen = new Set(codes.join("").replace(/-/g, ""));
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });
  it("normalises what people type", () => {
    expect(normaliseCode("abcd-efgh-jk")).toBe("ABCDEFGHJK");
    expect(normaliseCode(" ab cd – ef gh — jk ")).toBe("ABCDEFGHJK");
    expect(normaliseCode("ＡＢＣＤ")).toBe("ABCD"); // full-width letters from some phone keyboards
    const code = shortCode();
    expect(normaliseCode(code.toLowerCase())).toBe(code.replace(/-/g, ""));
    expect(hashToken(normaliseCode(code))).toBe(hashToken(normaliseCode(code.toLowerCase().replace(/-/g, " "))));
  });
});
