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

/**
 * A notice that must exist once only, whatever the number of servers or restarts: `key` is unique in
 * the database, so a second attempt (here or on another server) inserts nothing and sends no email.
 * Returns whether this call was the one that made it.
 */
export function notifyOnce(
  key: string,
  userId: string,
  kind: string,
  params: Record<string, string>,
  link: string,
): boolean {
  const made = db().transaction((tx) => {
    const inserted = tx
      .insert(notifications)
      .values({ id: randomUUID(), userId, kind, params: JSON.stringify(params), link, noticeKey: key })
      .onConflictDoNothing({ target: notifications.noticeKey })
      .run();
    return inserted.changes === 1;
  });
  if (made) queueEmail(userId, link);
  return made;
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

/** Marks one of the user's own notifications read and returns where it points (null if it is not theirs). */
export function openNotification(userId: string, id: string): { link: string | null } | null {
  const row = db()
    .select({ link: notifications.link, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
    .get();
  if (!row) return null;
  if (!row.readAt)
    db()
      .update(notifications)
      .set({ readAt: new Date().toISOString() })
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
      .run();
  return { link: row.link };
}
