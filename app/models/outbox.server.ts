import { and, eq, isNull, lt, or } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { outbox, users } from "../../db/schema";
import { content } from "~/content/content.server";
import { publicUrl } from "~/lib/config.server";
import { db, firstRow, outsideTransaction, rowsChanged } from "~/lib/db.server";

/**
 * An email's words: `key` (a dotted path) in the `namespace` locale file, an object with at least
 * `subject` and `body`, `{{name}}` filled from `values`. English, because the portal does not know which
 * language a mailbox reads. The one reader of every email's words.
 */
export function emailWords(
  namespace: string,
  key: string,
  values: Record<string, string> = {},
): { subject: string; body: string } & Record<string, string> {
  let words: unknown = content().locales.en[namespace];
  for (const part of key.split(".")) words = (words as Record<string, unknown> | undefined)?.[part];
  const lines = (words ?? {}) as Record<string, unknown>;
  if (typeof lines.subject !== "string" || typeof lines.body !== "string")
    throw new Error(`content/locales/en/${namespace}.json has no ${key}.subject and ${key}.body`);
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
  return Object.fromEntries(
    Object.entries(lines).flatMap(([k, v]) => (typeof v === "string" ? [[k, fill(v)]] : [])),
  ) as { subject: string; body: string } & Record<string, string>;
}

/**
 * Email about a record is only ever a nudge: "there is something to look at", with a link. Never a name
 * of a need, a plan's words, an amount or a decision: its words are fixed (`signoff` locale, `email`).
 */
/** Puts one email in the outbox for a user, then tries to send (only when SMTP_URL is set). */
export async function queueEmail(userId: string, link: string): Promise<void> {
  const user = await firstRow(
    db().select({ email: users.email, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, userId)),
  );
  if (!user || user.deactivatedAt) return;
  const { subject, body } = emailWords("signoff", "email");
  await queueEmailTo(user.email, subject, `${body}\n\n${new URL(link, publicUrl()).href}\n`);
}

/** Puts one email in the outbox for an address (an invitation goes to someone without an account yet). */
export async function queueEmailTo(toEmail: string, subject: string, body: string): Promise<void> {
  await db().insert(outbox).values({ id: randomUUID(), toEmail, subject, body });
  void deliverOutbox();
}

let sending: Promise<number> | null = null;

/** Sends what is waiting through SMTP_URL. Off by default: without SMTP_URL mail stays in the outbox. */
export function deliverOutbox(): Promise<number> {
  if (!process.env.SMTP_URL) return Promise.resolve(0);
  // One sender at a time in this process; a call while sending waits for that round and then goes again.
  // Never inside the caller's transaction: a round outlives it (and needs its own connection).
  const round = outsideTransaction(() => (sending ?? Promise.resolve(0)).then(() => sendWaiting()));
  sending = round.finally(() => {
    if (sending === round) sending = null;
  });
  return round;
}

/** A claim older than this is from a sender that stopped mid-way (a crash): the email is tried again. */
const STALE_CLAIM_MS = 10 * 60 * 1000;

async function sendWaiting(): Promise<number> {
  const smtp = process.env.SMTP_URL!;
  const { createTransport } = await import("nodemailer");
  const transport = createTransport(smtp);
  const from = process.env.MAIL_FROM ?? `no-reply@${publicUrl().hostname}`;
  let sent = 0;
  const stale = new Date(Date.now() - STALE_CLAIM_MS).toISOString();
  const waiting = await db()
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), or(isNull(outbox.claimedAt), lt(outbox.claimedAt, stale))));
  for (const mail of waiting) {
    // Claim it first, so a second sender (another server, or this one after a restart) does not send it
    // again: the update only changes the row while it is still as this sender read it. On PostgreSQL two
    // servers' claims of one row queue on its row lock, and the second finds the condition false.
    const claimedAt = new Date().toISOString();
    const claim = await db()
      .update(outbox)
      .set({ claimedAt })
      .where(
        and(
          eq(outbox.id, mail.id),
          isNull(outbox.sentAt),
          mail.claimedAt === null ? isNull(outbox.claimedAt) : eq(outbox.claimedAt, mail.claimedAt),
        ),
      );
    if (rowsChanged(claim) !== 1) continue;
    try {
      await transport.sendMail({
        from,
        to: mail.toEmail,
        subject: mail.subject,
        text: mail.body,
        // The same id on every attempt, so a mail server can recognise a repeat.
        messageId: `<${mail.id}@${publicUrl().hostname}>`,
      });
      await db().update(outbox).set({ sentAt: new Date().toISOString() }).where(eq(outbox.id, mail.id));
      sent++;
    } catch {
      // Released, left unsent; the next event or start-up tries again. Nothing reaches the page.
      await db()
        .update(outbox)
        .set({ claimedAt: null })
        .where(and(eq(outbox.id, mail.id), isNull(outbox.sentAt)));
    }
  }
  transport.close();
  return sent;
}
