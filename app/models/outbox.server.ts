import { and, eq, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { outbox, users } from "../../db/schema";
import { content } from "~/content/content.server";
import { publicUrl } from "~/lib/config.server";
import { db } from "~/lib/db.server";

/**
 * Email is only ever a nudge: "there is something to look at", with a link. Never a name of a need,
 * a plan's words, an amount or a decision. The text comes from the `signoff` locale (English: the
 * portal does not know which language a mailbox reads), so it cannot be built from plan data.
 */
function emailText(): { subject: string; body: string } {
  const email = (content().locales.en.signoff as { email?: { subject?: string; body?: string } } | undefined)?.email;
  return {
    subject: email?.subject ?? "Something to look at in Plan your support",
    body: email?.body ?? "There is something new for you to look at. Please sign in to see it:",
  };
}

/** Puts one email in the outbox for a user, then tries to send (only when SMTP_URL is set). */
export function queueEmail(userId: string, link: string): void {
  const user = db().select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
  if (!user) return;
  const { subject, body } = emailText();
  const url = new URL(link, publicUrl()).href;
  db()
    .insert(outbox)
    .values({ id: randomUUID(), toEmail: user.email, subject, body: `${body}\n\n${url}\n` })
    .run();
  void deliverOutbox();
}

let sending = false;

/** Sends what is waiting through SMTP_URL. Off by default: without SMTP_URL mail stays in the outbox. */
export async function deliverOutbox(): Promise<number> {
  const smtp = process.env.SMTP_URL;
  if (!smtp || sending) return 0;
  sending = true;
  let sent = 0;
  try {
    const { createTransport } = await import("nodemailer");
    const transport = createTransport(smtp);
    const from = process.env.MAIL_FROM ?? `no-reply@${publicUrl().hostname}`;
    for (const mail of db().select().from(outbox).where(isNull(outbox.sentAt)).all()) {
      try {
        await transport.sendMail({ from, to: mail.toEmail, subject: mail.subject, text: mail.body });
        db()
          .update(outbox)
          .set({ sentAt: new Date().toISOString() })
          .where(and(eq(outbox.id, mail.id), isNull(outbox.sentAt)))
          .run();
        sent++;
      } catch {
        // Left unsent; the next event tries again. Nothing about the failure reaches the page.
      }
    }
  } finally {
    sending = false;
  }
  return sent;
}
