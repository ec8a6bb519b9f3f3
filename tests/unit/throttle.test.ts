import { describe, expect, it } from "vitest";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  accountKey,
  addressKey,
  clientAddress,
  delayAfter,
  recordFailure,
  releaseAttempt,
  reserveAttempt,
  throttleDecision,
  type ThrottleStore,
  type ThrottleRecord,
} from "~/lib/throttle";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = 1_700_000_000_000;

function mapStore(): ThrottleStore & { map: Map<string, ThrottleRecord> } {
  const map = new Map<string, ThrottleRecord>();
  return {
    map,
    get: async (k) => map.get(k),
    set: async (k, r) => void map.set(k, r),
    delete: async (k) => void map.delete(k),
  };
}

/** Someone tries wrong passwords as fast as they can (100 ms apart); returns which attempts were allowed. */
function rapidAttempts(count: number): boolean[] {
  let record: ThrottleRecord | undefined;
  const allowed: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const now = T0 + i * 100;
    const decision = throttleDecision(record, now);
    allowed.push(decision.allowed);
    if (decision.allowed) record = recordFailure(record, now); // refused attempts are not checked or counted
  }
  return allowed;
}

describe("throttleDecision", () => {
  it("allows a first attempt", () => {
    expect(throttleDecision(undefined, T0)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it("lets the first 5 failures through, then makes people wait", () => {
    const allowed = rapidAttempts(11);
    expect(allowed.slice(0, 5)).toEqual([true, true, true, true, true]);
    expect(allowed[5]).toBe(false); // the 6th, 0.1 s after the 5th failure, must wait 1 s
    expect(allowed[10]).toBe(false); // the 11th rapid wrong password is refused
    expect(allowed.filter(Boolean)).toHaveLength(5); // 11 attempts in one second: only 5 got through
  });

  it("lets someone who waits keep trying, more and more slowly", () => {
    let record: ThrottleRecord | undefined;
    let now = T0;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const decision = throttleDecision(record, now);
      if (!decision.allowed) {
        waits.push(decision.retryAfterSeconds);
        now += decision.retryAfterSeconds * SECOND;
        expect(throttleDecision(record, now).allowed).toBe(true);
      }
      record = recordFailure(record, now);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
  });

  it("grows the delay 1 s, 2 s, 4 s ... and caps it at 15 minutes", () => {
    expect(delayAfter(4)).toBe(0);
    expect(delayAfter(5)).toBe(1 * SECOND);
    expect(delayAfter(6)).toBe(2 * SECOND);
    expect(delayAfter(10)).toBe(32 * SECOND);
    expect(delayAfter(14)).toBe(512 * SECOND);
    expect(delayAfter(15)).toBe(15 * MINUTE);
    expect(delayAfter(1000)).toBe(15 * MINUTE);
  });

  it("says how long to wait, and allows the attempt once that time has passed", () => {
    const record = { failures: 10, lastFailureAt: T0 }; // needs 32 s
    expect(throttleDecision(record, T0 + 1)).toEqual({ allowed: false, retryAfterSeconds: 32 });
    expect(throttleDecision(record, T0 + 31_001)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(throttleDecision(record, T0 + 32 * SECOND)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it("never asks for more than 15 minutes", () => {
    const decision = throttleDecision({ failures: 500, lastFailureAt: T0 }, T0);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });
  });

  it("forgets failures after 24 hours", () => {
    const record = { failures: 50, lastFailureAt: T0 };
    expect(throttleDecision(record, T0 + 24 * HOUR - 1).allowed).toBe(true); // delay long over anyway
    expect(recordFailure(record, T0 + 24 * HOUR - 1)).toEqual({ failures: 51, lastFailureAt: T0 + 24 * HOUR - 1 });
    expect(recordFailure(record, T0 + 24 * HOUR)).toEqual({ failures: 1, lastFailureAt: T0 + 24 * HOUR });
  });

  it("gives an address more free failures than an account", () => {
    const record = { failures: 10, lastFailureAt: T0 };
    expect(throttleDecision(record, T0 + 1, ACCOUNT_POLICY).allowed).toBe(false);
    expect(throttleDecision(record, T0 + 1, ADDRESS_POLICY).allowed).toBe(true);
    expect(throttleDecision({ failures: 20, lastFailureAt: T0 }, T0 + 1, ADDRESS_POLICY).allowed).toBe(false);
  });
});

describe("keys", () => {
  it("uses one key per account, ignoring case and spaces", () => {
    expect(accountKey("  Amira@Example.ORG ")).toBe("account:amira@example.org");
  });
  it("uses one key per IPv4 address, and counts IPv6 by /64", () => {
    expect(addressKey("203.0.113.7")).toBe("ip:203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("ip:203.0.113.7");
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("ip:2001:db8:1:2::/64");
    expect(addressKey("2001:DB8:1:2::9")).toBe(addressKey("2001:db8:1:2:ffff::1"));
    expect(addressKey("2001:db8:1:3::1")).not.toBe(addressKey("2001:db8:1:2::1"));
    expect(addressKey("::1")).toBe("ip:0:0:0:0::/64");
    expect(addressKey("not an address")).toBe("ip:not an address");
  });
});

describe("clientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted, so it cannot be spoofed", () => {
    expect(clientAddress("198.51.100.9", "1.2.3.4", 0)).toBe("198.51.100.9");
    expect(clientAddress("198.51.100.9", ["1.2.3.4", "5.6.7.8"], 0)).toBe("198.51.100.9");
  });
  it("takes the address the given number of hops from the right", () => {
    // Client sent a fake "1.2.3.4"; our one proxy appended the real client 203.0.113.7.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 203.0.113.7", 1)).toBe("203.0.113.7");
    // Two proxies of ours: the outer one appended 203.0.113.7, the inner one 10.0.0.1.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.1", 2)).toBe("203.0.113.7");
    // Several headers are one list.
    expect(clientAddress("10.0.0.2", ["1.2.3.4", "203.0.113.7"], 1)).toBe("203.0.113.7");
  });
  it("falls back sensibly", () => {
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "203.0.113.7", 3)).toBe("203.0.113.7"); // fewer hops than proxies: leftmost
    expect(clientAddress(undefined, null, 0)).toBe("unknown");
  });
});

describe("with a store", () => {
  const email = "amira@example.org";
  const keys = [accountKey(email), addressKey("203.0.113.7")];
  /** Reserving only to learn the decision, on a copy, so nothing is counted. */
  const peek = async (store: ReturnType<typeof mapStore>, k: string[], now: number) => {
    const copy = mapStore();
    for (const [key, record] of store.map) copy.map.set(key, record);
    return await reserveAttempt(copy, k, now);
  };

  it("refuses the 11th rapid wrong password for an account, even from new addresses", async () => {
    const store = mapStore();
    let refused = 0;
    for (let i = 0; i < 11; i++) {
      const attemptKeys = [accountKey(email), addressKey(`203.0.113.${i}`)]; // a new address each time
      if (!(await reserveAttempt(store, attemptKeys, T0 + i * 100)).allowed) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    expect((await peek(store, [accountKey(email)], T0 + 10 * 100)).allowed).toBe(false);
  });

  it("counts the attempt before the check: a burst at one instant gets exactly the free allowance", async () => {
    const store = mapStore();
    // One after another, as the database transaction around each reservation makes them.
    const decisions = [];
    for (let i = 0; i < 100; i++) decisions.push(await reserveAttempt(store, keys, T0));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(ACCOUNT_POLICY.freeFailures);
    expect(store.map.get(keys[0]!)).toEqual({ failures: ACCOUNT_POLICY.freeFailures, lastFailureAt: T0 });
  });

  it("refuses an address trying many accounts", async () => {
    const store = mapStore();
    const address = addressKey("203.0.113.7");
    for (let i = 0; i < 20; i++) await reserveAttempt(store, [accountKey(`person${i}@example.org`), address], T0);
    const decision = await peek(store, [accountKey("someone.new@example.org"), address], T0 + 100);
    expect(decision.allowed).toBe(false);
    expect(decision.retryAfterSeconds).toBe(1);
  });

  it("reports the longest wait across keys, and counts nothing when refused", async () => {
    const store = mapStore();
    store.map.set(keys[0]!, { failures: 8, lastFailureAt: T0 }); // 8 s
    store.map.set(keys[1]!, { failures: 25, lastFailureAt: T0 }); // 32 s
    expect(await reserveAttempt(store, keys, T0)).toEqual({ allowed: false, retryAfterSeconds: 32 });
    expect(store.map.get(keys[0]!)).toEqual({ failures: 8, lastFailureAt: T0 });
  });

  it("on success clears the account, and gives the address back only the one reserved attempt", async () => {
    const store = mapStore();
    for (let i = 0; i < 5; i++) await reserveAttempt(store, keys, T0);
    await releaseAttempt(store, keys);
    expect(store.map.has(keys[0]!)).toBe(false);
    expect(store.map.get(keys[1]!)).toEqual({ failures: 4, lastFailureAt: T0 });
  });
});
