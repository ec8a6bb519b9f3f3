import { eq } from "drizzle-orm";
import { signInFailures } from "../../db/schema";
import { db } from "~/lib/db.server";
import { verifyPassword, verifyPasswordForMissingAccount } from "~/lib/password.server";
import {
  accountKey,
  addressKey,
  checkAttempt,
  recordFailures,
  recordSuccess,
  type ThrottleStore,
} from "~/lib/throttle";
import { totpWindowSteps } from "~/lib/config.server";
import { verifyTotp } from "~/lib/totp.server";
import { audit } from "./audit.server";
import { useRecoveryCode } from "./staff.server";
import { findUserByEmail, useTotpStep, type User } from "./users.server";

const store: ThrottleStore = {
  get: (key) => db().select().from(signInFailures).where(eq(signInFailures.key, key)).get(),
  set: (key, record) => {
    db()
      .insert(signInFailures)
      .values({ key, ...record })
      .onConflictDoUpdate({ target: signInFailures.key, set: record })
      .run();
  },
  delete: (key) => {
    db().delete(signInFailures).where(eq(signInFailures.key, key)).run();
  },
};

export type SignInOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password, slowing guessers per account and per address. The answer never
 * says whether the email has an account, and takes as long either way.
 */
export async function checkSignIn(email: string, password: string, address: string): Promise<SignInOutcome> {
  const keys = [accountKey(email), addressKey(address)];
  const now = Date.now();
  const decision = await checkAttempt(store, keys, now);
  if (!decision.allowed) {
    audit({
      actorId: null,
      action: "sign-in",
      target: accountKey(email),
      result: "refused",
      detail: { throttled: true, address },
    });
    return { ok: false, reason: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  }
  const user = findUserByEmail(email);
  const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPasswordForMissingAccount(password);
  // A deactivated account answers exactly like a wrong password.
  if (!user || !ok || user.deactivatedAt) {
    await recordFailures(store, keys, now);
    audit({
      actorId: user?.id ?? null,
      action: "sign-in",
      target: user ? null : accountKey(email),
      result: "failed",
      detail: { address },
    });
    return { ok: false, reason: "wrong" };
  }
  await recordSuccess(store, accountKey(email));
  audit({ actorId: user.id, action: "sign-in-password", result: "ok", detail: { address } });
  return { ok: true, user };
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
  const keys = [`totp:${user.id}`];
  const now = Date.now();
  const decision = await checkAttempt(store, keys, now);
  if (!decision.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  const secret = how === "enrolling" ? user.totpPendingSecret : user.totpSecret;
  const result =
    how === "recovery"
      ? { ok: Boolean(user.totpSecret) && useRecoveryCode(user.id, code), step: 0 }
      : secret
        ? verifyTotp(secret, code, now, { window: totpWindowSteps() })
        : { ok: false };
  const ok =
    how === "recovery"
      ? result.ok
      : result.ok && result.step !== undefined && (how === "enrolling" || useTotpStep(user.id, result.step));
  audit({
    actorId: user.id,
    action: how === "recovery" ? "sign-in-recovery-code" : "sign-in-second-factor",
    result: ok ? "ok" : "failed",
  });
  if (!ok) {
    await recordFailures(store, keys, now);
    return { ok: false, reason: "wrong" };
  }
  await recordSuccess(store, keys[0]!);
  return { ok: true, user, step: result.step };
}

/**
 * Any other secret a person types (an invitation link's token, a team's code, a recovery code):
 * guessing is slowed per client address exactly like passwords. `check` answers undefined for a
 * wrong secret.
 */
export async function throttledCode<T>(
  address: string,
  check: () => T | undefined,
): Promise<T | undefined | "throttled"> {
  const keys = [addressKey(address)];
  const now = Date.now();
  if (!(await checkAttempt(store, keys, now)).allowed) return "throttled";
  const found = check();
  if (found === undefined) await recordFailures(store, keys, now);
  return found;
}
