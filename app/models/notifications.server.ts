import { randomUUID } from "node:crypto";
import { notifications } from "../../db/schema";
import { db } from "~/lib/db.server";

/** An in-app notice for one user. Never carries health details: a kind, a few names, a link. */
export function notify(userId: string, kind: string, params: Record<string, string>, link: string | null): void {
  db().insert(notifications).values({ id: randomUUID(), userId, kind, params: JSON.stringify(params), link }).run();
}
