import { sql } from "drizzle-orm";
import { db, rowArrays } from "~/lib/db.server";

// ---------------------------------------------------------------- a lead professional's caseload, kept until it changes

/**
 * The tables a lead professional's caseload is read from: the home page's names, stages, plan states,
 * waiting days and review dates, and the queue. A write to any of them raises that lead professional's count
 * in caseload_version, by a trigger (db/migrations/0026_caseload_version.sql,
 * db/migrations-pg/0005_caseload_version.sql); tests/unit/caseload-kept.test.ts checks that this list and the
 * triggers agree, and that each kind of write raises the count of the right lead professional. A table the
 * caseload starts to read joins both.
 */
export const CASELOAD_SOURCES = [
  "assessment_answers",
  "assessments",
  "persons",
  "plan_decisions",
  "plan_sections",
  "plan_submissions",
  "plans",
  "users",
] as const;

/** How many times this lead professional's caseload records have changed: 0 before the first change. */
export async function caseloadChanges(leadId: string): Promise<number> {
  const [found] = await rowArrays<[number | string]>(
    sql`SELECT changes FROM caseload_version WHERE lead_id = ${leadId}`,
  );
  return Number(found?.[0] ?? 0);
}

/** What a server keeps of one caseload, under the count it was read at. */
interface KeptCaseload {
  changes: number;
  /** Worked-out lists (the people by name, the queue's rows), each once. */
  lists: Map<string, Promise<unknown>>;
  /** Facts kept a person, filled as pages of the caseload are shown. */
  people: Map<string, unknown>;
}

/** Caseloads kept a database handle (a reopened or other database starts with none), most recently used last. */
const KEPT_CASELOADS = 1_000;
const keptCaseloads = new WeakMap<object, Map<string, KeptCaseload>>();

/**
 * This lead professional's kept caseload, as it stands now. The count is read before anything is worked
 * out, so what is kept is never older than the count it is kept under; a change committed by another server
 * is seen at the next request. Nothing here is shared between lead professionals.
 */
async function keptCaseload(leadId: string): Promise<KeptCaseload> {
  const handle = db();
  const changes = await caseloadChanges(leadId);
  let caseloads = keptCaseloads.get(handle);
  if (!caseloads) keptCaseloads.set(handle, (caseloads = new Map()));
  let kept = caseloads.get(leadId);
  if (kept?.changes !== changes) kept = { changes, lists: new Map(), people: new Map() };
  caseloads.delete(leadId);
  caseloads.set(leadId, kept);
  if (caseloads.size > KEPT_CASELOADS) caseloads.delete(caseloads.keys().next().value!);
  return kept;
}

/**
 * A list worked out from the lead professional's caseload records (`name` says which), kept while they are
 * unchanged. Requests at once share one working out; a failed one is not kept.
 */
export async function keptCaseloadList<T>(leadId: string, name: string, workOut: () => Promise<T>): Promise<T> {
  const kept = await keptCaseload(leadId);
  let list = kept.lists.get(name) as Promise<T> | undefined;
  if (!list) {
    // Promise.resolve: a drizzle query is a thenable that runs again each time it is awaited.
    const made = Promise.resolve(workOut());
    kept.lists.set(name, (list = made));
    made.catch(() => kept.lists.get(name) === made && kept.lists.delete(name));
  }
  return await list;
}

/**
 * Facts about each of some of the lead professional's people, kept a person while the caseload's records are
 * unchanged: only the people not kept yet are worked out (together, by `workOut`).
 */
export async function keptCaseloadFacts<T>(
  leadId: string,
  personIds: readonly string[],
  workOut: (personIds: readonly string[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const kept = await keptCaseload(leadId);
  const missing = personIds.filter((id) => !kept.people.has(id));
  if (missing.length > 0) for (const [id, facts] of await workOut(missing)) kept.people.set(id, facts);
  return new Map(personIds.map((id) => [id, kept.people.get(id) as T]));
}
