import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { notifications } from "../../db/schema";
import { PAGE_SIZE, pageOf } from "~/domain/paging";
import { db, firstRow, preparedQuery, transaction, rowsChanged } from "~/lib/db.server";
import { queueEmail } from "./outbox.server";

/** An in-app notice for one user. Never carries health details: a kind, a few names, a link. */
export async function notify(
  userId: string,
  kind: string,
  params: Record<string, string>,
  link: string | null,
): Promise<void> {
  await db()
    .insert(notifications)
    .values({ id: randomUUID(), userId, kind, params: JSON.stringify(params), link });
}

/** A notice in the portal and, because it matters, an email that only says there is something to look at. */
export async function notifyWithEmail(
  userId: string,
  kind: string,
  params: Record<string, string>,
  link: string,
): Promise<void> {
  await notify(userId, kind, params, link);
  await queueEmail(userId, link);
}

/**
 * A notice that must exist once only, whatever the number of servers or restarts: `key` is unique in
 * the database, so a second attempt (here or on another server) inserts nothing and sends no email.
 * Returns whether this call was the one that made it.
 */
export async function notifyOnce(
  key: string,
  userId: string,
  kind: string,
  params: Record<string, string>,
  link: string,
): Promise<boolean> {
  const made = await transaction(async () => {
    const inserted = await db()
      .insert(notifications)
      .values({ id: randomUUID(), userId, kind, params: JSON.stringify(params), link, noticeKey: key })
      .onConflictDoNothing({ target: notifications.noticeKey });
    return rowsChanged(inserted) === 1;
  });
  if (made) await queueEmail(userId, link);
  return made;
}

// The notifications page asks these on every visit: built once per connection, the user and the page's
// place going in through placeholders. The page's size is written in (a bound LIMIT is prepared again
// on every run: lib/db.server.ts).
const totalQuery = preparedQuery((d) =>
  d
    .select({ n: count() })
    .from(notifications)
    .where(eq(notifications.userId, sql.placeholder("userId")))
    .limit(1)
    .prepare(),
);
const pageQuery = preparedQuery((d) =>
  d
    .select()
    .from(notifications)
    .where(eq(notifications.userId, sql.placeholder("userId")))
    .orderBy(desc(notifications.createdAt))
    .limit(PAGE_SIZE)
    .offset(sql.placeholder("offset"))
    .prepare(),
);

/** One page of a user's notifications, newest first. */
export async function notificationsPage(userId: string, asked: string | null) {
  const total = (await firstRow(totalQuery().execute({ userId })))?.n ?? 0;
  const page = pageOf(asked, total, PAGE_SIZE);
  const items = (await pageQuery().execute({ userId, offset: page.offset })).map((n) => ({
    ...n,
    params: JSON.parse(n.params) as Record<string, string>,
  }));
  return { items, page };
}

const unreadQuery = preparedQuery((d) =>
  d
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
    .limit(1)
    .prepare(),
);

export async function unreadCount(userId: string): Promise<number> {
  return (await firstRow(unreadQuery().execute({ userId })))?.n ?? 0;
}

export async function markAllRead(userId: string): Promise<void> {
  await db()
    .update(notifications)
    .set({ readAt: new Date().toISOString() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** Marks one of the user's own notifications read and returns where it points (null if it is not theirs). */
export async function openNotification(userId: string, id: string): Promise<{ link: string | null } | null> {
  const row = await firstRow(
    db()
      .select({ link: notifications.link, readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id))),
  );
  if (!row) return null;
  if (!row.readAt)
    await db()
      .update(notifications)
      .set({ readAt: new Date().toISOString() })
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
  return { link: row.link };
}
