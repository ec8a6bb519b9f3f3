import { eq } from "drizzle-orm";
import { signInFailures } from "../../db/schema";
import { db, firstRow, transaction } from "~/lib/db.server";
import { errorWith } from "~/lib/form-messages";
import { verifyPassword, verifyPasswordForMissingAccount } from "~/lib/password.server";
import { accountKey, addressKey, releaseAttempt, reserveAttempt, type ThrottleStore } from "~/lib/throttle";
import { totpWindowSteps } from "~/lib/config.server";
import { verifyTotp } from "~/lib/totp.server";
import { audit } from "./audit.server";
import { useRecoveryCode } from "./staff.server";
import { findUserByEmail, useTotpStep, type User } from "./users.server";

const store: ThrottleStore = {
  get: async (key) => await firstRow(db().select().from(signInFailures).where(eq(signInFailures.key, key))),
  set: async (key, record) => {
    await db()
      .insert(signInFailures)
      .values({ key, ...record })
      .onConflictDoUpdate({ target: signInFailures.key, set: record });
  },
  delete: async (key) => {
    await db().delete(signInFailures).where(eq(signInFailures.key, key));
  },
};

export type ThrottledCheck = { ok: true } | { ok: false; reason: "wrong" } | ThrottledOutcome;
type ThrottledOutcome = { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks any secret a person types (a password, the current password, a one-time code, an invitation
 * code) under the throttle. The attempt is reserved (counted as a failure) in one immediate
 * transaction BEFORE the slow check runs, so a burst of concurrent guesses gets no more than the
 * free allowance checked; a right secret gives the reservation back. `keys`: the account (or
 * thing) guessed at, and the address guessing (addressKey), so both are slowed.
 */
export async function throttledCheck(keys: string[], check: () => boolean | Promise<boolean>): Promise<ThrottledCheck> {
  const decision = await transaction(async () => await reserveAttempt(store, keys, Date.now()));
  if (!decision.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  if (!(await check())) return { ok: false, reason: "wrong" };
  await transaction(async () => await releaseAttempt(store, keys));
  return { ok: true };
}

/** The message by the field when the throttle says wait (a translation key, with minutes where it is more than one). */
export function throttledMessage(retryAfterSeconds: number): string {
  return retryAfterSeconds <= 60
    ? "auth:errors.tooManyAttemptsOneMinute"
    : errorWith("auth:errors.tooManyAttempts", { minutes: Math.ceil(retryAfterSeconds / 60) });
}

export type SignInOutcome = { ok: true; user: User } | { ok: false; reason: "wrong" } | ThrottledOutcome;

/**
 * Checks an email and password, slowing guessers per account and per address. The answer never
 * says whether the email has an account, and takes as long either way.
 */
export async function checkSignIn(email: string, password: string, address: string): Promise<SignInOutcome> {
  const user = await findUserByEmail(email);
  const outcome = await throttledCheck([accountKey(email), addressKey(address)], async () =>
    // A deactivated account answers exactly like a wrong password.
    user
      ? (await verifyPassword(password, user.passwordHash)) && !user.deactivatedAt
      : (await verifyPasswordForMissingAccount(password), false),
  );
  if (outcome.ok && user) {
    await audit({ actorId: user.id, action: "sign-in-password", result: "ok", detail: { address } });
    return { ok: true, user };
  }
  await audit({
    actorId: user?.id ?? null,
    action: "sign-in",
    target: user ? null : accountKey(email),
    result: outcome.ok ? "failed" : outcome.reason === "throttled" ? "refused" : "failed",
    detail: outcome.ok || outcome.reason === "wrong" ? { address } : { throttled: true, address },
  });
  return outcome.ok ? { ok: false, reason: "wrong" } : outcome;
}

/** The signed-in person's current password, before changing it: guessing is slowed as at sign-in. */
export async function checkCurrentPassword(user: User, password: string, address: string): Promise<ThrottledCheck> {
  const outcome = await throttledCheck([accountKey(user.email), addressKey(address)], () =>
    verifyPassword(password, user.passwordHash),
  );
  await audit({
    actorId: user.id,
    action: "change-password",
    result: outcome.ok ? "ok" : outcome.reason === "throttled" ? "refused" : "failed",
    detail: outcome.ok ? { step: "current-password" } : { step: "current-password", reason: outcome.reason },
  });
  return outcome;
}

/**
 * A one-time code, accepted once (the same step cannot be replayed), with guessing slowed down.
 * `recovery`: one of the account's single-use recovery codes instead. `enrolling`: the code must
 * come from the secret being enrolled, which it then confirms.
 */
export async function checkSecondFactor(
  user: User,
  code: string,
  how: "code" | "recovery" | "enrolling" = "code",
): Promise<SignInOutcome & { step?: number }> {
  let step: number | undefined;
  const outcome = await throttledCheck([`totp:${user.id}`], async () => {
    if (how === "recovery") return Boolean(user.totpSecret) && (await useRecoveryCode(user.id, code));
    const secret = how === "enrolling" ? user.totpPendingSecret : user.totpSecret;
    const result = secret ? verifyTotp(secret, code, Date.now(), { window: totpWindowSteps() }) : { ok: false };
    if (!result.ok || result.step === undefined) return false;
    step = result.step;
    return how === "enrolling" || (await useTotpStep(user.id, result.step));
  });
  await audit({
    actorId: user.id,
    action: how === "recovery" ? "sign-in-recovery-code" : "sign-in-second-factor",
    result: outcome.ok ? "ok" : outcome.reason === "throttled" ? "refused" : "failed",
  });
  return outcome.ok ? { ok: true, user, step: how === "recovery" ? 0 : step } : outcome;
}

/**
 * Any other secret a person types (an invitation link's token, a team's code): guessing is slowed
 * per client address exactly like passwords. `check` answers undefined for a wrong secret.
 */
export async function throttledCode<T>(
  address: string,
  check: () => T | undefined,
): Promise<T | undefined | "throttled"> {
  let found: T | undefined;
  const outcome = await throttledCheck([addressKey(address)], () => {
    found = check();
    return found !== undefined;
  });
  return !outcome.ok && outcome.reason === "throttled" ? "throttled" : found;
}
