import { databaseAnswers } from "~/lib/db.server";

/** Answers 200 only when the database answers. */
export function loader() {
  const ok = databaseAnswers();
  return new Response(ok ? "ok" : "database not answering", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
