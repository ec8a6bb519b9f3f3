import { and, count, desc, eq, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { notifications } from "../../db/schema";
import { pageOf } from "~/domain/paging";
import { db } from "~/lib/db.server";
import { queueEmail } from "./outbox.server";

/** An in-app notice for one user. Never carries health details: a kind, a few names, a link. */
export function notify(userId: string, kind: string, params: Record<string, string>, link: string | null): void {
  db()
    .insert(notifications)
    .values({ id: randomUUID(), userId, kind, params: JSON.stringify(params), link })
    .run();
}

/** A notice in the portal and, because it matters, an email that only says there is something to look at. */
export function notifyWithEmail(userId: string, kind: string, params: Record<string, string>, link: string): void {
  notify(userId, kind, params, link);
  queueEmail(userId, link);
}

/** The links of every notice of this kind the user already has (for once-only reminders): one statement, not one per link. */
export function noticeLinks(userId: string, kind: string): Set<string> {
  return new Set(
    db()
      .select({ link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))
      .all()
      .flatMap((n) => (n.link ? [n.link] : [])),
  );
}

/** One page of a user's notifications, newest first. */
export function notificationsPage(userId: string, asked: string | null) {
  const total = db().select({ n: count() }).from(notifications).where(eq(notifications.userId, userId)).get()?.n ?? 0;
  const page = pageOf(asked, total);
  const items = db()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(page.limit)
    .offset(page.offset)
    .all()
    .map((n) => ({ ...n, params: JSON.parse(n.params) as Record<string, string> }));
  return { items, page };
}

export function unreadCount(userId: string): number {
  return (
    db()
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

export function markAllRead(userId: string): void {
  db()
    .update(notifications)
    .set({ readAt: new Date().toISOString() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
}
