import { eq } from "drizzle-orm";
import { sessions } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { requireUser } from "~/server/session.server";
import type { Route } from "./+types/keep-alive";

/** "Stay signed in" from the idle warning: counts as activity. */
export async function action({ request, context }: Route.ActionArgs) {
  const { session } = requireUser(context, request);
  await db().update(sessions).set({ lastSeenAt: new Date().toISOString() }).where(eq(sessions.idHash, session.idHash));
  return Response.json({ ok: true });
}
