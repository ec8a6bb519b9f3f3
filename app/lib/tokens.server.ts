import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** A random token for session ids, CSRF secrets and links (256 bits by default), base64url. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new Error("randomToken needs at least 16 bytes");
  return randomBytes(bytes).toString("base64url");
}

/**
 * SHA-256 (hex) of a token. The database stores only these hashes of session ids, invitation
 * codes and CSRF secrets, so a leaked database copy cannot be used to sign in. A plain hash (no
 * salt, no slow hashing) is right here because the tokens are long and random, not guessable.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

// --- Signed values (e.g. a cookie value the server must be able to trust) ---

const MIN_SECRET_LENGTH = 32;

function mac(value: string, secret: string): Buffer {
  if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`Signing secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return createHmac("sha256", secret).update(value, "utf8").digest();
}

/** `value.signature` where the signature is HMAC-SHA256 (base64url). The value is readable, not secret. */
export function signValue(value: string, secret: string): string {
  return `${value}.${mac(value, secret).toString("base64url")}`;
}

/** The value if the signature is right for this secret, otherwise null. Compares in constant time. */
export function unsignValue(signed: string, secret: string): string | null {
  if (typeof signed !== "string") return null;
  const dot = signed.lastIndexOf(".");
  if (dot < 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), "base64url");
  const expected = mac(value, secret);
  // Length check first: timingSafeEqual throws on different lengths (and the length is not secret).
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

// --- Invitation codes people type from a letter or a text message ---

// No 0/O, 1/I/L: they look alike on paper and in many fonts. 31 characters.
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 10; // 31^10 ≈ 2^49.5: plenty when codes expire and sign-in attempts are throttled

/** A human-typeable code like "ABCD-EFGH-JK". Store hashToken(normaliseCode(code)). */
export function shortCode(): string {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]; // randomInt is unbiased
  return raw.match(/.{1,4}/g)!.join("-");
}

/** What a person typed, ready to hash and compare: upper case, no spaces or dashes (of any kind). */
export function normaliseCode(input: string): string {
  return input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―_]/gu, "");
}
