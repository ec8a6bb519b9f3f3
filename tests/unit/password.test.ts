import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CURRENT_PARAMS,
  TEST_MODE_PARAMS,
  hashingParams,
  hashPassword,
  needsRehash,
  passwordProblems,
  verifyPassword,
  verifyPasswordForMissingAccount,
} from "~/lib/password.server";

// Cheap parameters for tests that only need "a valid hash with lower parameters".
const WEAK = { N: 2 ** 10, r: 8, p: 1 };

// The real portal's parameters, whatever the environment these tests run in says; one test turns on the
// test harness's switch (PORTAL_TEST_ROUTES=1) to check its lower cost.
beforeEach(() => {
  vi.stubEnv("PORTAL_TEST_ROUTES", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("hashPassword / verifyPassword", () => {
  it("writes the parameters into the stored string", async () => {
    expect(hashingParams()).toBe(CURRENT_PARAMS);
    const stored = await hashPassword("a long enough passphrase");
    expect(stored).toMatch(/^scrypt\$N=65536,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(CURRENT_PARAMS).toEqual({ N: 65536, r: 8, p: 1 });
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("purple elephants dance at noon");
    expect(await verifyPassword("purple elephants dance at noon", stored)).toBe(true);
    expect(await verifyPassword("purple elephants dance at noon!", stored)).toBe(false);
    expect(await verifyPassword("Purple elephants dance at noon", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("uses a fresh salt each time", async () => {
    const [a, b] = [await hashPassword("same password twice", WEAK), await hashPassword("same password twice", WEAK)];
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password twice", a)).toBe(true);
    expect(await verifyPassword("same password twice", b)).toBe(true);
  });

  it("refuses when the stored hash, salt or parameters were changed", async () => {
    const stored = await hashPassword("tamper with me please", WEAK);
    const [scheme, params, salt, key] = stored.split("$") as [string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, "base64");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64");
    };
    expect(await verifyPassword("tamper with me please", [scheme, params, salt, flip(key)].join("$"))).toBe(false);
    expect(await verifyPassword("tamper with me please", [scheme, params, flip(salt), key].join("$"))).toBe(false);
    expect(await verifyPassword("tamper with me please", [scheme, "N=2048,r=8,p=1", salt, key].join("$"))).toBe(false);
  });

  it("returns false, never throws, on malformed stored strings", async () => {
    const good = await hashPassword("x".repeat(12), WEAK);
    const salt = good.split("$")[2]!;
    const key = good.split("$")[3]!;
    const bad: unknown[] = [
      "",
      "plain text password",
      "scrypt$N=1024,r=8,p=1$onlythree",
      `bcrypt$N=1024,r=8,p=1$${salt}$${key}`,
      `scrypt$N=1000,r=8,p=1$${salt}$${key}`, // not a power of two
      `scrypt$N=1024,r=0,p=1$${salt}$${key}`,
      `scrypt$N=1024,r=8,p=1$not base64!$${key}`,
      `scrypt$N=1024,r=8,p=1$${salt}$`,
      `scrypt$N=1048576,r=8,p=1$${salt}$${key}`, // 1 GiB of memory: refused, not attempted
      `scrypt$N=1024,r=8,p=1$${salt}$${key}$extra`,
      null,
      undefined,
      42,
    ];
    for (const stored of bad) {
      await expect(verifyPassword("x".repeat(12), stored as string)).resolves.toBe(false);
    }
  });

  it("treats composed and decomposed accents as the same password (NFKC)", async () => {
    const composed = "zażółć gęślą jaźń".normalize("NFC");
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const stored = await hashPassword(composed, WEAK);
    expect(await verifyPassword(decomposed, stored)).toBe(true);
  });

  it("verifies old (weaker) hashes and says they need re-hashing", async () => {
    const old = await hashPassword("an older account password", WEAK);
    expect(await verifyPassword("an older account password", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword("a current account password"))).toBe(false);
    expect(needsRehash("garbage")).toBe(true);
  });

  it("hashes with a lower cost only in the test harness's mode, still scrypt with its parameters stored", async () => {
    vi.stubEnv("PORTAL_TEST_ROUTES", "1");
    expect(hashingParams()).toBe(TEST_MODE_PARAMS);
    const stored = await hashPassword("a test server's password");
    expect(stored).toMatch(/^scrypt\$N=1024,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(await verifyPassword("a test server's password", stored)).toBe(true);
    expect(await verifyPassword("a test server's passwords", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
    // The same hash in the real portal is below today's cost: re-hashed at the next sign-in.
    vi.stubEnv("PORTAL_TEST_ROUTES", "");
    expect(needsRehash(stored)).toBe(true);
    expect(await verifyPassword("a test server's password", stored)).toBe(true);
  });

  it("has a decoy check for unknown accounts that always says no", async () => {
    await expect(verifyPasswordForMissingAccount("anything at all")).resolves.toBe(false);
  });
});

describe("passwordProblems", () => {
  it("refuses fewer than 12 characters, counted as code points", () => {
    expect(passwordProblems("short pass1")).toEqual(["errors.passwordTooShort"]); // 11
    expect(passwordProblems("zq8vbn4kp7wx")).toEqual([]); // 12, random
    // 11 emoji are 22 UTF-16 units but 11 characters: still too short.
    expect(passwordProblems("🐢🌵🚲🎈🧩🍋🪁🦉🌙🎻🧭")).toContain("errors.passwordTooShort");
    // 12 Urdu letters are enough.
    expect(passwordProblems("میرا پرانا گھر")).toEqual([]);
  });

  it("refuses more than 256 characters", () => {
    expect(passwordProblems("ab cd ef gh ".repeat(21) + "abcde")).toEqual(["errors.passwordTooLong"]); // 257
    expect(passwordProblems("ab cd ef gh ".repeat(21) + "abcd")).toEqual([]); // 256
  });

  it("refuses common passwords of 12+ characters, ignoring case and spaces", () => {
    for (const p of [
      "password1234",
      "PASSWORD1234",
      "Qwertyuiop12",
      "123456789012",
      "iloveyou1234",
      "qwertyuiopasdfghjkl",
      "1q2w3e4r5t6y",
      "PasswordPassword",
      "Football2025",
      "Sunshine123!",
      "P@ssw0rd1234",
      "correct horse battery staple",
      "Liverpool1234",
      "Pakistan1234",
      "Polska123456",
    ]) {
      expect(passwordProblems(p), p).toEqual(["errors.passwordCommon"]);
    }
  });

  it("reports both problems for a short common password", () => {
    expect(passwordProblems("password")).toEqual(["errors.passwordTooShort", "errors.passwordCommon"]);
  });

  it("accepts a long random phrase and has no composition rules", () => {
    expect(passwordProblems("kettle orbit marmalade fjord")).toEqual([]);
    expect(passwordProblems("allthelowercaselettersnodigits")).toEqual([]);
  });

  it("refuses the person's email address, its local part, or their name", () => {
    const about = { email: "Jane.Doe.Smith@Example.org", name: "Jane Doe Smith" };
    expect(passwordProblems("jane.doe.smith@example.org", about)).toEqual(["errors.passwordCommon"]);
    expect(passwordProblems("JANE.DOE.SMITH", about)).toEqual(["errors.passwordCommon"]);
    expect(passwordProblems("jane doe smith", about)).toEqual(["errors.passwordCommon"]);
    expect(passwordProblems("janedoesmith", about)).toEqual(["errors.passwordCommon"]);
    expect(passwordProblems("jane.doe.smith likes tea", about)).toEqual([]);
  });
});

describe("the common-password list", () => {
  const file = path.resolve("content/security/common-passwords.txt");
  const lines = readFileSync(file, "utf8").trimEnd().split("\n");

  it("is big, lower-case, unique and sorted", () => {
    expect(lines.length).toBeGreaterThan(10_000);
    expect(lines.filter((l) => [...l].length >= 12).length).toBeGreaterThan(10_000);
    expect(lines.every((l) => l === l.toLowerCase() && l.length > 0)).toBe(true);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.every((l, i) => i === 0 || lines[i - 1]! < l)).toBe(true);
    for (const famous of ["123456", "password", "qwerty", "111111", "iloveyou", "letmein", "trustno1", "passw0rd"]) {
      expect(lines).toContain(famous);
    }
  });
});

describe("auth locale files", () => {
  const load = (lang: string) =>
    JSON.parse(readFileSync(path.resolve(`content/locales/${lang}/auth.json`), "utf8")) as Record<string, unknown>;
  const keys = (obj: Record<string, unknown>, prefix = ""): string[] =>
    Object.entries(obj).flatMap(([k, v]) =>
      v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
    );
  const get = (obj: Record<string, unknown>, key: string) =>
    key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

  it("have the same keys in en, ur and pl, all non-empty", () => {
    const en = load("en");
    for (const lang of ["ur", "pl"]) {
      const other = load(lang);
      expect(keys(other).sort(), lang).toEqual(keys(en).sort());
      for (const key of keys(other)) expect(String(get(other, key)).trim(), `${lang} ${key}`).not.toBe("");
      expect(other._translationStatus).toBe(en._translationStatus);
    }
  });

  it("translate every key passwordProblems can return, and keep {{minutes}}", () => {
    for (const lang of ["en", "ur", "pl"]) {
      const file = load(lang);
      for (const key of ["errors.passwordTooShort", "errors.passwordTooLong", "errors.passwordCommon"]) {
        expect(typeof get(file, key), `${lang} ${key}`).toBe("string");
      }
      expect(get(file, "errors.tooManyAttempts")).toContain("{{minutes}}");
    }
  });
});
