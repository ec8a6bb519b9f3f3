import { content } from "~/content/content.server";
import { db } from "./db.server";

/**
 * Everything the portal checks before it takes a request: content is valid, the database is migrated.
 * Returns what the start script prints.
 */
export async function prepare(): Promise<{ demoSignIns: { role: string; email: string; password: string; note?: string }[] }> {
  content();
  db();
  return { demoSignIns: [] };
}
