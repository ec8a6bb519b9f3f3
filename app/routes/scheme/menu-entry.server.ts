import { data } from "react-router";
import { findEntry } from "~/domain/menu";
import { menuInForce } from "~/models/menu.server";

/** The menu entry in force with this id; one not in force (unknown, or retired) answers 404. */
export async function entryInForceOr404(entryId: string) {
  const entry = findEntry(await menuInForce(), entryId);
  if (!entry) throw data(null, { status: 404 });
  return entry;
}
