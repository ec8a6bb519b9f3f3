import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * Time-based one-time passwords (RFC 6238) as used by authenticator apps: HMAC-SHA1, 30-second
 * steps, 6 digits. SHA1 and these defaults are what every authenticator app supports; HMAC-SHA1
 * is still sound here (HOTP does not rely on SHA1's collision resistance).
 */
const STEP_SECONDS = 30;
const DEFAULT_DIGITS = 6;
const SECRET_BYTES = 20; // 160 bits, as RFC 4226 recommends

// --- Base32 (RFC 4648, section 6), the encoding authenticator apps expect for the secret. ---
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array, { pad = false }: { pad?: boolean } = {}): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1; // keep only the unread bits, so the number never overflows
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  if (pad) while (out.length % 8 !== 0) out += "=";
  return out;
}

/** Decodes base32; forgiving about case, spaces, dashes and padding (people type secrets by hand). Throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s-]/g, "").replace(/=+$/, "");
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error("Not a base32 string");
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  return Buffer.from(out);
}

/** A new random secret for a person's authenticator app (20 bytes, base32, no padding: 32 characters). */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** The 30-second step number a moment falls in. */
export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / STEP_SECONDS);
}

/** HOTP (RFC 4226) for one step: HMAC-SHA1 over the 8-byte big-endian counter, dynamically truncated. */
function hotp(key: Buffer, step: number, digits: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The code an authenticator app shows at `atMs` (milliseconds since 1970). */
export function totpCode(
  secretBase32: string,
  atMs: number,
  { digits = DEFAULT_DIGITS }: { digits?: number } = {},
): string {
  return hotp(base32Decode(secretBase32), totpStep(atMs), digits);
}

export interface TotpVerifyOptions {
  /** How many steps either side of now to accept, for clock drift and slow typing. Default 1 (±30 s). */
  window?: number;
  digits?: number;
  /** The step of the last code this person used: that step and earlier ones are refused, so a code cannot be replayed. */
  afterStep?: number;
}

/**
 * Checks a typed code. On success returns the step it matched: store it and pass it back as
 * `afterStep` next time, so the same code cannot be used twice. Spaces in the code are ignored.
 * Never throws (a malformed secret or code is just not ok).
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  atMs: number,
  { window = 1, digits = DEFAULT_DIGITS, afterStep }: TotpVerifyOptions = {},
): { ok: boolean; step?: number } {
  const typed = typeof code === "string" ? code.replace(/\s/g, "") : "";
  if (!new RegExp(`^\\d{${digits}}$`).test(typed)) return { ok: false };
  let key: Buffer;
  try {
    key = base32Decode(secretBase32);
  } catch {
    return { ok: false };
  }
  if (key.length === 0) return { ok: false };
  const now = totpStep(atMs);
  const typedBytes = Buffer.from(typed);
  let matched: number | undefined;
  // Check every step in the window (no early exit) and compare in constant time, so timing says nothing.
  for (let step = now - window; step <= now + window; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, step, digits)), typedBytes);
    if (same && matched === undefined && (afterStep === undefined || step > afterStep)) matched = step;
  }
  return matched === undefined ? { ok: false } : { ok: true, step: matched };
}

/**
 * The otpauth:// URI for a QR code (Google Authenticator "Key Uri Format"):
 * otpauth://totp/Issuer:account?secret=...&issuer=Issuer&algorithm=SHA1&digits=6&period=30
 */
export function totpUri(secretBase32: string, accountEmail: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountEmail)}`;
  const query = new URLSearchParams({
    secret: secretBase32.replace(/[\s=]/g, "").toUpperCase(),
    issuer,
    algorithm: "SHA1",
    digits: String(DEFAULT_DIGITS),
    period: String(STEP_SECONDS),
  });
  // URLSearchParams writes spaces as "+"; some authenticator apps show "+" literally, so use %20.
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, "%20")}`;
}
