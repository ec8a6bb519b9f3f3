import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { contentDir } from "~/content/read.server";
import { testMode } from "~/lib/config.server";

/*
 * Password hashing with scrypt (memory-hard, built into Node, no dependency).
 *
 * Current parameters: N = 2^16 (65536), r = 8, p = 1, 16-byte random salt, 64-byte key.
 * Memory per hash = 128 * N * r = 64 MiB. N = 2^17 was the target, but on this 2-core machine one
 * 2^17 hash took ~460-520 ms (2^16: ~190-250 ms), over the ~400 ms sign-in budget, so we use 2^16.
 * The parameters are written into every stored string, so they can be raised later: old hashes
 * still verify, and needsRehash() tells the caller to re-hash on the next successful sign-in.
 *
 * Stored format: scrypt$N=65536,r=8,p=1$<salt base64>$<hash base64>
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
export const CURRENT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 16, r: 8, p: 1 });
/**
 * The test harness's cost (`PORTAL_TEST_ROUTES=1`, refused at start-up unless the portal's address is
 * on this machine): still scrypt, the parameters still in the stored string, but 1/64 of the work, so
 * the suite's hundreds of sign-ins and seeded accounts cost milliseconds, not a quarter second each.
 * The unit tests check the production parameters (docs/decisions/2026-12-02-faster-suite.md).
 */
export const TEST_MODE_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });

/** The parameters new hashes get: today's, or the test harness's cheaper ones in test mode. */
export function hashingParams(): Readonly<ScryptParams> {
  return testMode() ? TEST_MODE_PARAMS : CURRENT_PARAMS;
}
const SALT_BYTES = 16;
const KEY_BYTES = 64;
// 256 MiB: room for N = 2^17 (128 MiB) if the parameters are raised; anything needing more is refused.
const MAXMEM = 256 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  // The async form runs on libuv's thread pool, so a sign-in does not block the event loop.
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

// The same password typed on different keyboards (e.g. Polish "ą" composed or decomposed, Urdu
// letters with presentation forms) must give the same hash, so compare a normalised form (NFKC,
// as NIST SP 800-63B suggests).
function normalise(password: string): string {
  return password.normalize("NFKC");
}

/** Hashes a password for storage. `params` is only for tests and for raising the cost later. */
export async function hashPassword(password: string, params: ScryptParams = hashingParams()): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(normalise(password), salt, KEY_BYTES, { ...params, maxmem: MAXMEM });
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

interface Parsed extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads a stored string; null if it is not one we wrote or asks for absurd (DoS-sized) work. */
function parse(stored: unknown): Parsed | null {
  if (typeof stored !== "string") return null;
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== "scrypt") return null;
  const [, paramText, saltText, keyText] = parts as [string, string, string, string];
  const match = /^N=(\d{1,8}),r=(\d{1,3}),p=(\d{1,3})$/.exec(paramText);
  if (!match || !BASE64.test(saltText) || !BASE64.test(keyText)) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N < 2 ** 10 || r < 1 || r > 32 || p < 1 || p > 16 || 128 * N * r > MAXMEM) return null;
  const salt = Buffer.from(saltText, "base64");
  const key = Buffer.from(keyText, "base64");
  if (salt.length < 8 || key.length < 32 || key.length > 128) return null;
  return { N, r, p, salt, key };
}

/** True only if `password` matches `stored`. Never throws: a malformed stored string is just false. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || typeof password !== "string") return false;
  try {
    const { N, r, p, salt, key } = parsed;
    const candidate = await scryptAsync(normalise(password), salt, key.length, { N, r, p, maxmem: MAXMEM });
    return timingSafeEqual(candidate, key);
  } catch {
    return false;
  }
}

/** True if `stored` was made with weaker parameters than today's (or is unreadable): re-hash it after a good sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const current = hashingParams();
  return (
    parsed.N < current.N ||
    parsed.r < current.r ||
    parsed.p < current.p ||
    parsed.salt.length < SALT_BYTES ||
    parsed.key.length < KEY_BYTES
  );
}

let decoy: Promise<string> | undefined;
/**
 * Does the same work as verifyPassword when no account has the given email, so the response time
 * does not tell an attacker which email addresses have accounts. Always false.
 */
export async function verifyPasswordForMissingAccount(password: string): Promise<false> {
  decoy ??= hashPassword("decoy password that matches nothing " + randomBytes(16).toString("hex"));
  await verifyPassword(password, await decoy);
  return false;
}

// --- Password rules: length and a list of common passwords. No composition rules (NIST 800-63B). ---

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export type PasswordProblem = "errors.passwordTooShort" | "errors.passwordTooLong" | "errors.passwordCommon";

let common: Set<string> | undefined;
/** The shipped list (content/security/common-passwords.txt), read once on first use. A missing list throws: failing open would be worse. */
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(path.join(contentDir(), "security", "common-passwords.txt"), "utf8");
    common = new Set(
      text
        .split("\n")
        .map((line) => line.trim().toLowerCase())
        .filter(Boolean),
    );
  }
  return common;
}

/**
 * What is wrong with a new password, as i18n keys in the `auth` namespace; empty when it is fine.
 * Length is counted in Unicode code points, so an Urdu or emoji password is not penalised.
 * "Common" means on the shipped list (case-insensitive, spaces ignored) or equal to the person's
 * email address, the part of it before "@", or their name.
 */
export function passwordProblems(password: string, about: { email?: string; name?: string } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const normal = normalise(password);
  const length = [...normal].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push("errors.passwordTooShort");
  if (length > PASSWORD_MAX_LENGTH) problems.push("errors.passwordTooLong");

  // Spaces are ignored, so "pass word 1234" counts as "password1234" (the list has no spaces).
  const squashed = normal.toLowerCase().replace(/\s+/gu, "");
  const personal = new Set<string>();
  const email = about.email?.trim().toLowerCase();
  if (email) {
    personal.add(email);
    const at = email.lastIndexOf("@");
    if (at > 0) personal.add(email.slice(0, at));
  }
  const name = about.name?.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
  if (name) personal.add(name);

  if (commonPasswords().has(squashed) || personal.has(squashed)) problems.push("errors.passwordCommon");
  return problems;
}
