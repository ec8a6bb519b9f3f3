import { eq, lt } from "drizzle-orm";
import { signUpRequests } from "../../db/schema";
import { publicUrl } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/lib/password.server";
import { hashToken, normaliseCode, randomToken, shortCode } from "~/lib/tokens.server";
import { emailWords, queueEmailTo } from "./outbox.server";
import { findUserByEmail, normaliseEmail } from "./users.server";

/** How long the emailed code confirms a sign-up. */
export const SIGN_UP_CODE_MINUTES = 60;

export type SignUpRequest = typeof signUpRequests.$inferSelect;

/**
 * Starts a sign-up: the account is made only when its owner types the code emailed to the address.
 * The answer is the same whether or not the address already has an account (no one can use sign-up to
 * find out who uses the service): the password is hashed either way, a request is stored either way,
 * and the owner of a taken address gets an email saying someone tried, with no code.
 * Returns the token for the browser's sign-up cookie.
 */
export async function requestSignUp(input: {
  name: string;
  email: string;
  password: string;
  role: SignUpRequest["role"];
  invitationId: string | null;
  teamId: string | null;
}): Promise<string> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const taken = (await findUserByEmail(email)) !== undefined;
  const code = taken ? null : shortCode();
  const token = randomToken(32);
  const now = new Date();
  await db().delete(signUpRequests).where(lt(signUpRequests.expiresAt, now.toISOString()));
  await db()
    .insert(signUpRequests)
    .values({
      idHash: hashToken(token),
      email,
      name: input.name.trim(),
      passwordHash,
      codeHash: code ? hashToken(normaliseCode(code)) : null,
      role: input.role,
      invitationId: input.invitationId,
      teamId: input.teamId,
      expiresAt: new Date(now.getTime() + SIGN_UP_CODE_MINUTES * 60_000).toISOString(),
    });
  const words = emailWords("auth", code ? "signUpEmail.code" : "signUpEmail.taken");
  const signIn = new URL("/sign-in", publicUrl()).href;
  await queueEmailTo(email, words.subject, `${words.body}\n\n${code ?? signIn}\n`);
  // Without a mail server (the demo on one machine) the email goes to the server's log instead.
  if (!process.env.SMTP_URL) console.log(`Sign-up email for ${email}: ${code ?? "(already has an account)"}`);
  return token;
}

/** The sign-up behind a browser's cookie, while it can still be confirmed. */
export async function findSignUpRequest(token: string): Promise<SignUpRequest | undefined> {
  const [row] = await db()
    .select()
    .from(signUpRequests)
    .where(eq(signUpRequests.idHash, hashToken(token)))
    .limit(1);
  return row && row.expiresAt > new Date().toISOString() ? row : undefined;
}

/** True when the typed code is the one emailed for this sign-up (never for a taken address). */
export function codeConfirms(request: SignUpRequest, typed: string): boolean {
  return request.codeHash !== null && request.codeHash === hashToken(normaliseCode(typed));
}

/** A confirmed (or abandoned) sign-up is gone: its code cannot be used twice. True if this call removed it. */
export async function endSignUpRequest(request: SignUpRequest): Promise<boolean> {
  const gone = await db()
    .delete(signUpRequests)
    .where(eq(signUpRequests.idHash, request.idHash))
    .returning({ idHash: signUpRequests.idHash });
  return gone.length === 1;
}
