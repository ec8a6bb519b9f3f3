import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  createContext,
  createCookie,
  redirect,
  type MiddlewareFunction,
  type RouterContextProvider,
} from "react-router";
import { sessions, users } from "../../db/schema";
import type { User } from "~/models/users.server";
import { isProduction, sessionSecret } from "~/lib/config.server";
import { readSignedCookie } from "~/lib/signed-cookie.server";
import { db, firstRow, preparedQuery } from "~/lib/db.server";
import { hashToken, randomToken } from "~/lib/tokens.server";
import { sessionCsrfSecretContext } from "~/lib/context";
import { audit } from "~/models/audit.server";

/** Signed out after this long without a request (WCAG 2.2.1: a warning comes first, in the page). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Signed out this long after signing in, however active (a shared computer left signed in all day). */
export const MAX_SESSION_AGE_MS = 12 * 60 * 60 * 1000;
/** Writing "last seen" on every request would cost a disk sync each time; once a minute is enough. */
const TOUCH_EVERY_MS = 60 * 1000;

// __Host- in production: Secure, Path=/, no Domain, so no other site or subdomain can set it.
const sessionCookie = createCookie(isProduction() ? "__Host-session" : "session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: isProduction(),
  secrets: [sessionSecret()],
});

export type SessionRow = typeof sessions.$inferSelect;
export interface Signed {
  user: User;
  session: SessionRow;
}

/** Who is asking: null when nobody is signed in. Set by sessionMiddleware on every request. */
export const signedContext = createContext<Signed | null>(null);

/** Starts a new session (a new id every time: no fixation) and returns the Set-Cookie header. */
export async function startSession(
  userId: string,
  stage: SessionRow["stage"],
  userAgent: string | null,
): Promise<string> {
  const id = randomToken(32);
  const now = new Date().toISOString();
  await db()
    .insert(sessions)
    .values({
      idHash: hashToken(id),
      userId,
      stage,
      csrfSecret: randomToken(32),
      userAgent: userAgent?.slice(0, 200) ?? null,
      lastSeenAt: now,
    });
  return sessionCookie.serialize(id, { maxAge: MAX_SESSION_AGE_MS / 1000 });
}

export async function endSession(idHash: string, reason: string): Promise<void> {
  await db()
    .update(sessions)
    .set({ endedAt: new Date().toISOString(), endedReason: reason })
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.endedAt)));
}

/** Ends every session of an account, e.g. after a password change, optionally keeping the current one. */
export async function endAllSessions(userId: string, reason: string, keepIdHash?: string): Promise<void> {
  const open = await db()
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
  for (const s of open) if (s.idHash !== keepIdHash) await endSession(s.idHash, reason);
}

export async function openSessions(userId: string) {
  return await db()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .orderBy(desc(sessions.lastSeenAt));
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** When a session ends by itself: idle too long, or 12 hours after sign-in. Null while it may go on. */
export function sessionExpiry(
  session: Pick<SessionRow, "createdAt" | "lastSeenAt">,
  now: number,
): "idle" | "max-age" | null {
  if (now - Date.parse(session.createdAt) > MAX_SESSION_AGE_MS) return "max-age";
  if (now - Date.parse(session.lastSeenAt) > IDLE_TIMEOUT_MS) return "idle";
  return null;
}

/** The session with this id hash and its account: asked on every request, so built and prepared once. */
const sessionQuery = preparedQuery((d) =>
  d
    .select()
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .limit(1)
    .prepare(),
);

/** Finds the session behind the cookie; ends it (and says so in the audit trail) if it has expired. */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const id = readSignedCookie(sessionCookie, request.headers.get("cookie"), sessionSecret());
  let signed: Signed | null = null;
  let clear = false;
  if (typeof id === "string" && id.length > 0) {
    const idHash = hashToken(id);
    const row = await firstRow(sessionQuery().execute({ idHash }));
    const now = Date.now();
    const expired = row && !row.sessions.endedAt ? sessionExpiry(row.sessions, now) : null;
    // A deactivated account's sessions are over at once, even one left open on another computer.
    if (!row || row.sessions.endedAt || row.users.deactivatedAt) clear = true;
    else if (expired) {
      await endSession(idHash, expired);
      await audit({ actorId: row.users.id, action: "sign-out", result: "ok", detail: { reason: expired } });
      clear = true;
    } else {
      if (now - Date.parse(row.sessions.lastSeenAt) > TOUCH_EVERY_MS) {
        await db()
          .update(sessions)
          .set({ lastSeenAt: new Date(now).toISOString() })
          .where(eq(sessions.idHash, idHash));
      }
      signed = { user: row.users, session: row.sessions };
      context.set(sessionCsrfSecretContext, row.sessions.csrfSecret);
    }
  }
  context.set(signedContext, signed);
  const response = await next();
  if (clear) response.headers.append("Set-Cookie", await clearSessionCookie());
  return response;
};

/** The fully signed-in user (second factor done where needed), or a redirect to sign in. */
export function requireUser(context: Readonly<RouterContextProvider>, request: Request): Signed {
  const signed = context.get(signedContext);
  if (!signed || signed.session.stage !== "signed-in") {
    const url = new URL(request.url);
    throw redirect(`/sign-in?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return signed;
}

export function currentUser(context: Readonly<RouterContextProvider>): Signed | null {
  const signed = context.get(signedContext);
  return signed && signed.session.stage === "signed-in" ? signed : null;
}
