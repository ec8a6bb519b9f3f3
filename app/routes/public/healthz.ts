import { databaseAnswers } from "~/lib/db.server";

/** Answers 200 only when the database answers. */
export async function loader() {
  const ok = await databaseAnswers();
  return new Response(ok ? "ok" : "database not answering", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
