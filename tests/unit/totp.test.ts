import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  totpCode,
  totpStep,
  totpUri,
  verifyTotp,
} from "~/lib/totp.server";

// RFC 6238 Appendix B uses the ASCII secret "12345678901234567890" for SHA1.
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const RFC_SHA1_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("base32 (RFC 4648 test vectors)", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "MY======"],
    ["fo", "MZXQ===="],
    ["foo", "MZXW6==="],
    ["foob", "MZXW6YQ="],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI======"],
  ];
  it("encodes", () => {
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain), { pad: true })).toBe(encoded);
      expect(base32Encode(Buffer.from(plain))).toBe(encoded.replace(/=/g, ""));
    }
  });
  it("decodes, forgiving case, spaces and missing padding", () => {
    for (const [plain, encoded] of vectors) {
      expect(base32Decode(encoded).toString()).toBe(plain);
      expect(base32Decode(encoded.replace(/=/g, "").toLowerCase()).toString()).toBe(plain);
    }
    expect(base32Decode("mzxw 6ytb oi").toString()).toBe("foobar");
  });
  it("refuses characters outside the alphabet", () => {
    expect(() => base32Decode("MZXW1")).toThrow();
    expect(() => base32Decode("MZ=XW")).toThrow();
  });
  it("round-trips random bytes", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 255));
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
  });
});

describe("totpCode", () => {
  it("matches the RFC 6238 SHA1 vectors (8 digits)", () => {
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    for (const [seconds, code] of RFC_SHA1_VECTORS) {
      expect(totpCode(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(code);
    }
  });
  it("gives the last 6 digits by default", () => {
    for (const [seconds, code] of RFC_SHA1_VECTORS) {
      expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(-6));
    }
  });
  it("stays the same within a 30-second step and changes after it", () => {
    expect(totpCode(RFC_SECRET, 60_000)).toBe(totpCode(RFC_SECRET, 89_999));
    expect(totpCode(RFC_SECRET, 89_999)).not.toBe(totpCode(RFC_SECRET, 90_000));
  });
});

describe("generateTotpSecret", () => {
  it("makes 20 random bytes as 32 base32 characters", () => {
    const a = generateTotpSecret();
    const b = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(a).not.toBe(b);
  });
});

describe("verifyTotp", () => {
  // Fixed secrets, so no chance collision between codes can make a test flaky.
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const otherSecret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
  const now = 1_700_000_000_000;
  const step = totpStep(now);

  it("accepts the current code and returns its step", () => {
    expect(verifyTotp(secret, totpCode(secret, now), now)).toEqual({ ok: true, step });
  });
  it("accepts one step either side, not two", () => {
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(secret, totpCode(secret, now - 60_000), now).ok).toBe(false);
    expect(verifyTotp(secret, totpCode(secret, now + 60_000), now).ok).toBe(false);
    expect(verifyTotp(secret, totpCode(secret, now - 60_000), now, { window: 2 }).ok).toBe(true);
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now, { window: 0 }).ok).toBe(false);
  });
  it("refuses a wrong code, a code for another secret, and malformed input", () => {
    const right = totpCode(secret, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(verifyTotp(secret, wrong, now)).toEqual({ ok: false });
    expect(verifyTotp(otherSecret, right, now).ok).toBe(false);
    for (const bad of ["", "12345", "1234567", "abcdef", right + "0", `${right.slice(0, 5)}x`]) {
      expect(verifyTotp(secret, bad, now).ok, bad).toBe(false);
    }
    expect(verifyTotp("not base32 at all!", right, now)).toEqual({ ok: false });
    expect(verifyTotp("", right, now)).toEqual({ ok: false });
    expect(verifyTotp(secret, undefined as unknown as string, now)).toEqual({ ok: false });
  });
  it("ignores spaces people type in the code", () => {
    const right = totpCode(secret, now);
    expect(verifyTotp(secret, `${right.slice(0, 3)} ${right.slice(3)}`, now).ok).toBe(true);
  });
  it("refuses a code from a step already used (afterStep), so a code cannot be replayed", () => {
    const code = totpCode(secret, now);
    const first = verifyTotp(secret, code, now);
    expect(first.ok).toBe(true);
    expect(verifyTotp(secret, code, now + 5_000, { afterStep: first.step })).toEqual({ ok: false });
    const next = totpCode(secret, now + 30_000);
    expect(verifyTotp(secret, next, now + 30_000, { afterStep: first.step })).toEqual({ ok: true, step: step + 1 });
  });
  it("checks 8-digit codes when asked", () => {
    expect(verifyTotp(RFC_SECRET, "94287082", 59_000, { digits: 8 })).toEqual({ ok: true, step: 1 });
    expect(verifyTotp(RFC_SECRET, "287082", 59_000)).toEqual({ ok: true, step: 1 });
  });
});

describe("totpUri", () => {
  it("builds an otpauth URI authenticator apps read", () => {
    const uri = totpUri("JBSWY3DPEHPK3PXP", "amira+test@example.org", "Money & Mind");
    expect(uri.startsWith("otpauth://totp/Money%20%26%20Mind:amira%2Btest%40example.org?")).toBe(true);
    expect(uri).not.toContain("+");
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(url.searchParams.get("issuer")).toBe("Money & Mind");
    expect(url.searchParams.get("algorithm")).toBe("SHA1");
    expect(url.searchParams.get("digits")).toBe("6");
    expect(url.searchParams.get("period")).toBe("30");
  });
});
