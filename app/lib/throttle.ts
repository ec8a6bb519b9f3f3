/*
 * Sign-in throttle: slows down password guessing without locking anyone out for long.
 *
 * Each key (one per account, one per client address) has a record of recent failures. The first
 * few failures are free (people mistype). After that each attempt must wait 2^(extra failures)
 * seconds since the last failure, capped at 15 minutes; a day without failures starts afresh.
 * Pure functions plus a small storage interface, so the caller can keep records in a database
 * table and tests can inject the clock.
 *
 * How to use it on any secret a person types (password, one-time code, invitation code):
 *   1. keys = [accountKey(email), addressKey(clientAddress(...))]
 *   2. reserveAttempt(store, keys, now) in one synchronous step (one transaction): if not allowed,
 *      refuse WITHOUT checking the secret (nothing is counted, so waiting is always enough);
 *      if allowed, the attempt is already counted as a failure BEFORE the slow check, so a burst
 *      of concurrent guesses cannot all pass the check while the first is still hashing.
 *   3. Right secret: releaseAttempt(store, keys) gives the reserved attempt back.
 */

export interface ThrottleRecord {
  failures: number;
  /** Milliseconds since 1970. */
  lastFailureAt: number;
}

export interface ThrottleDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise whole seconds until the next attempt is allowed (at least 1). */
  retryAfterSeconds: number;
}

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** Longest delay between attempts. */
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  resetAfterMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Per account: 5 free failures, then 1 s, 2 s, 4 s ... up to 15 minutes. */
export const ACCOUNT_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  freeFailures: 5,
  maxDelayMs: 15 * MINUTE,
  resetAfterMs: 24 * HOUR,
});

/**
 * Per address: more free failures, because many people can share one address (a family's
 * broadband, a support group's office wifi, a mobile network's NAT).
 */
export const ADDRESS_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  freeFailures: 20,
  maxDelayMs: 15 * MINUTE,
  resetAfterMs: 24 * HOUR,
});

function isLive(record: ThrottleRecord | undefined, now: number, policy: ThrottlePolicy): record is ThrottleRecord {
  return record !== undefined && record.failures > 0 && now - record.lastFailureAt < policy.resetAfterMs;
}

/** The delay required after `failures` failures (0 while they are free). */
export function delayAfter(failures: number, policy: ThrottlePolicy = ACCOUNT_POLICY): number {
  const extra = failures - policy.freeFailures;
  if (extra < 0) return 0;
  // 2^extra seconds; the cap check first keeps 2 ** extra from growing without bound.
  return extra >= 30 ? policy.maxDelayMs : Math.min(2 ** extra * SECOND, policy.maxDelayMs);
}

/** May this key try now? */
export function throttleDecision(
  record: ThrottleRecord | undefined,
  now: number,
  policy: ThrottlePolicy = ACCOUNT_POLICY,
): ThrottleDecision {
  if (!isLive(record, now, policy)) return { allowed: true, retryAfterSeconds: 0 };
  const waitMs = record.lastFailureAt + delayAfter(record.failures, policy) - now;
  if (waitMs <= 0) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / SECOND)) };
}

/** The record after one more failure (a stale record starts again at 1). */
export function recordFailure(
  record: ThrottleRecord | undefined,
  now: number,
  policy: ThrottlePolicy = ACCOUNT_POLICY,
): ThrottleRecord {
  const failures = isLive(record, now, policy) ? record.failures + 1 : 1;
  return { failures, lastFailureAt: now };
}

// --- Keys -------------------------------------------------------------------------------------

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

/**
 * Key for a client address. IPv4-mapped IPv6 ("::ffff:1.2.3.4") counts as the IPv4 address, and
 * an IPv6 address counts as its /64 network, because one home or phone usually gets a whole /64
 * and could otherwise use a fresh address for every guess.
 */
export function addressKey(address: string): string {
  const ip = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (mapped) return `ip:${mapped[1]}`;
  if (!ip.includes(":")) return `ip:${ip}`;
  const groups = expandIpv6(ip);
  return groups ? `ip:${groups.slice(0, 4).join(":")}::/64` : `ip:${ip}`;
}

/** "2001:db8::1" → ["2001","db8","0","0","0","0","0","1"]; null if it is not plain IPv6. */
function expandIpv6(ip: string): string[] | null {
  const halves = ip.split("::");
  if (halves.length > 2) return null;
  const split = (s: string) => (s === "" ? [] : s.split(":"));
  const head = split(halves[0]!);
  const tail = halves.length === 2 ? split(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}

/** The keys the policy is applied to, and which policy applies to each. */
function policyFor(key: string): ThrottlePolicy {
  return key.startsWith("ip:") ? ADDRESS_POLICY : ACCOUNT_POLICY;
}

/**
 * The client's address for throttling. X-Forwarded-For is used ONLY when `trustedProxyCount` > 0
 * (we know that many proxies of our own sit in front and each appends what it saw). Then the
 * address that many entries from the right is the one our outermost proxy saw; everything left
 * of it can be made up by the client. With no trusted proxy the header is ignored completely,
 * so a spoofed X-Forwarded-For cannot get round the limit.
 */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedForHeader: string | string[] | null | undefined,
  trustedProxyCount: number,
): string {
  const socket = remoteAddress?.trim() || "unknown";
  if (!(trustedProxyCount > 0) || !forwardedForHeader) return socket;
  const header = Array.isArray(forwardedForHeader) ? forwardedForHeader.join(",") : forwardedForHeader;
  const hops = header
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (hops.length === 0) return socket;
  // Fewer entries than proxies: take the leftmost (as Express's "trust proxy" does).
  return hops[Math.max(0, hops.length - Math.floor(trustedProxyCount))]!;
}

// --- Storage ----------------------------------------------------------------------------------

/** Where the records are kept: the database, so that every server shares them. */
export interface ThrottleStore {
  get(key: string): Promise<ThrottleRecord | undefined>;
  set(key: string, record: ThrottleRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Decides and counts in one step: if every key allows an attempt now, the attempt is recorded as a
 * failure against every key before the secret is checked. Run it inside one database transaction so
 * that no other request or server can read the records between the reading and the counting.
 */
export async function reserveAttempt(store: ThrottleStore, keys: string[], now: number): Promise<ThrottleDecision> {
  let result: ThrottleDecision = { allowed: true, retryAfterSeconds: 0 };
  const records: (ThrottleRecord | undefined)[] = [];
  for (const key of keys) records.push(await store.get(key));
  keys.forEach((key, i) => {
    const decision = throttleDecision(records[i], now, policyFor(key));
    if (!decision.allowed && decision.retryAfterSeconds > result.retryAfterSeconds) result = decision;
  });
  if (!result.allowed) return result;
  for (const [i, key] of keys.entries()) await store.set(key, recordFailure(records[i], now, policyFor(key)));
  return result;
}

/**
 * The secret was right: the account's record is cleared; an address only gets its one reserved
 * attempt back (clearing it would let an attacker reset the address by signing in to their own
 * account between guesses).
 */
export async function releaseAttempt(store: ThrottleStore, keys: string[]): Promise<void> {
  for (const key of keys) {
    if (!key.startsWith("ip:")) {
      await store.delete(key);
      continue;
    }
    const record = await store.get(key);
    if (record && record.failures > 1) await store.set(key, { ...record, failures: record.failures - 1 });
    else if (record) await store.delete(key);
  }
}
