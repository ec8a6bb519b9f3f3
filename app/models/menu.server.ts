import { asc } from "drizzle-orm";
import { menuChanges } from "../../db/schema";
import { content } from "~/content/content.server";
import { findEntry, type MenuFile } from "~/domain/menu";
import { changesSince, menuInForceFrom, versionAfter, type MenuChange } from "~/domain/menu-versions";
import { db } from "~/lib/db.server";
import { audit } from "./audit.server";

/** Every change to the menu, oldest first. */
export function menuChangeLog(): MenuChange[] {
  return db()
    .select()
    .from(menuChanges)
    .orderBy(asc(menuChanges.seq))
    .all()
    .map((r) => ({
      seq: r.seq,
      version: r.version,
      entryId: r.entryId,
      change: r.change,
      why: r.why,
      madeAt: r.madeAt,
    }));
}

/** The menu new plan items are checked against, and the public menu shows. */
export function menuInForce(): MenuFile {
  return menuInForceFrom(content().menu, menuChangeLog());
}

/** What changed in an item's rule since the version it was checked against. */
export function ruleChangesSince(checkedAgainst: string | undefined, entryId: string): MenuChange[] {
  return changesSince(menuChangeLog(), content().menu.version, checkedAgainst, entryId);
}

/** Retires a menu entry: a new menu version, logged with why. Plans already checked keep theirs. */
export function retireMenuEntry(entryId: string, why: string, by: string): { ok: boolean } {
  const inForce = menuInForce();
  if (!findEntry(inForce, entryId)) return { ok: false };
  const seq = (menuChangeLog().at(-1)?.seq ?? 0) + 1;
  const version = versionAfter(content().menu.version, seq);
  db()
    .insert(menuChanges)
    .values({ version, entryId, change: "retired", why, madeBy: by, madeAt: new Date().toISOString() })
    .run();
  audit({ actorId: by, action: "menu-retire-entry", target: entryId, result: "ok", detail: { version, why } });
  return { ok: true };
}
