import { and, asc, between, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  contingencies,
  ledgerEntries,
  planDecisions,
  plans,
  receipts,
  spendingShares,
  statementImports,
  statementMappings,
} from "../../db/schema";
import {
  checkNewEntry,
  planYear,
  splitBySource,
  type EntryRefusal,
  type LedgerEntry,
  type PlannedItem,
} from "~/domain/ledger";
import type { MoneySource, PaymentMethod, ProviderSector } from "~/domain/choices";
import type { Item } from "~/domain/plan";
import type { Management } from "~/domain/choices";
import type { ColumnMapping, PayeeMemory } from "~/domain/statement";
import { payeeKey } from "~/domain/statement";
import { dataDir, db, firstRow, preparedQuery, transaction } from "~/lib/db.server";
import { latestBudgets } from "./assessment.server";
import { audit } from "./audit.server";
import { loadPlan } from "./plan.server";

/**
 * Data access for money after sign-off: the ledger of the signed-off plan, receipts on disk,
 * statements waiting to be confirmed, the remembered columns, the agreed contingency and whether
 * the person shares the detail. The rules are in app/domain/ledger.ts and statement.ts.
 */

export type EntryRow = typeof ledgerEntries.$inferSelect;

/** The plan the money belongs to: the current cycle's, once it is signed off (and while it is reviewed). */
export interface MoneyPlan {
  planId: string;
  cycle: number;
  state: string;
  signedOffOn: string;
  year: { start: string; end: string };
  budgetPence: number;
  parts: { nhsPence: number; councilPence: number };
  items: (PlannedItem & { provider: string; unitCostPence: number })[];
  management: Management | null;
  whatHelps: string;
  contingency: { amountPence: number; whatFor: string; agreedAt: string } | null;
}

// The money pages and "my data" ask the statements below on every request: each is built once per
// connection (preparedQuery), values going in through placeholders.
const byPerson = sql.placeholder("personId");
const byPlan = sql.placeholder("planId");

const signOffQuery = preparedQuery((d) =>
  d
    .select()
    .from(planDecisions)
    .where(and(eq(planDecisions.planId, byPlan), eq(planDecisions.decision, "signed-off")))
    .orderBy(desc(planDecisions.decidedAt))
    .limit(1)
    .prepare(),
);

export async function moneyPlan(personId: string): Promise<MoneyPlan | null> {
  const { row, plan } = await loadPlan(personId);
  if (!row || (row.state !== "signed-off" && row.state !== "in-review")) return null;
  const signOff = await firstRow(signOffQuery().execute({ planId: row.id }));
  if (!signOff) return null;
  const budgetPence = signOff.confirmedBudgetPence ?? 0;
  const { agreed, self } = await latestBudgets(personId);
  const calculated = agreed ?? self ?? { nhsPence: 0, councilPence: budgetPence };
  const signedOffOn = signOff.decidedAt.slice(0, 10);
  const contingency = await latestContingency(row.id);
  return {
    planId: row.id,
    cycle: row.cycle,
    state: row.state,
    signedOffOn,
    year: planYear(signedOffOn),
    budgetPence,
    parts: splitBySource(budgetPence, calculated),
    items: plan.items.map((item: Item) => ({
      id: item.id,
      what: item.what,
      plannedPence: item.yearlyCostPence,
      kind: item.kind,
      provider: item.provider,
      unitCostPence: item.unitCostPence,
    })),
    management: plan.decisions.management,
    whatHelps: plan.crisis.whatHelps,
    contingency,
  };
}

const entriesQuery = preparedQuery((d) =>
  d
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.planId, byPlan))
    .orderBy(asc(ledgerEntries.entryDate), asc(ledgerEntries.recordedAt))
    .prepare(),
);

export async function entriesOf(planId: string): Promise<EntryRow[]> {
  return await entriesQuery().execute({ planId });
}

export function asLedger(rows: readonly EntryRow[]): LedgerEntry[] {
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    date: r.entryDate,
    amountPence: r.amountPence,
    source: r.source,
    itemId: r.itemId,
    contingency: r.contingency,
    menuKind: r.menuKind,
    sector: r.sector,
    reverses: r.reverses,
    settles: r.settles,
  }));
}

export interface NewEntry {
  kind: LedgerEntry["kind"];
  date: string;
  amountPence: number;
  source?: MoneySource | null;
  itemId?: string | null;
  contingency?: boolean;
  sector?: ProviderSector | null;
  payee?: string | null;
  method?: PaymentMethod | null;
  note?: string | null;
  reverses?: string | null;
  settles?: string | null;
  fingerprint?: string | null;
  importId?: string | null;
}

function rowFor(money: MoneyPlan, personId: string, byId: string, entry: NewEntry, existing: readonly EntryRow[]) {
  const reversed = entry.reverses ? existing.find((e) => e.id === entry.reverses) : undefined;
  const item = money.items.find((i) => i.id === (reversed?.itemId ?? entry.itemId));
  return {
    id: randomUUID(),
    personId,
    planId: money.planId,
    kind: entry.kind,
    entryDate: entry.date,
    amountPence: entry.amountPence,
    source: reversed ? reversed.source : (entry.source ?? null),
    itemId: reversed ? reversed.itemId : (entry.itemId ?? null),
    itemWhat: reversed ? reversed.itemWhat : (item?.what ?? null),
    menuKind: reversed ? reversed.menuKind : entry.contingency ? "contingency" : (item?.kind ?? null),
    sector: reversed ? reversed.sector : (entry.sector ?? null),
    contingency: reversed ? reversed.contingency : Boolean(entry.contingency),
    payee: entry.payee ?? null,
    method: entry.method ?? null,
    note: entry.note ?? null,
    reverses: entry.reverses ?? null,
    reversedKind: reversed && reversed.kind !== "reversal" ? reversed.kind : null,
    settles: entry.settles ?? null,
    importId: entry.importId ?? null,
    fingerprint: entry.fingerprint ?? null,
    recordedBy: byId,
    recordedAt: new Date().toISOString(),
  };
}

/**
 * Records entries all together or not at all: each is checked against the ledger as it stands with
 * the ones before it, inside one transaction. Returns the first refusal (with its position) or the ids.
 */
export async function recordEntries(
  money: MoneyPlan,
  personId: string,
  byId: string,
  entries: readonly NewEntry[],
): Promise<{ ok: true; ids: string[] } | { ok: false; index: number; refusal: EntryRefusal }> {
  return await transaction(async () => {
    const rows = await entriesOf(money.planId);
    const ids: string[] = [];
    for (const [index, entry] of entries.entries()) {
      const row = rowFor(money, personId, byId, entry, rows);
      const refusal = checkNewEntry(
        asLedger(rows),
        { ...asLedger([row])[0]!, id: row.id },
        {
          itemIds: money.items.map((i) => i.id),
          contingencyPence: money.contingency?.amountPence ?? 0,
        },
      );
      if (refusal) {
        await audit({
          actorId: byId,
          personId,
          action: `money-${entry.kind}`,
          target: money.planId,
          result: "refused",
          detail: { refusal },
        });
        return { ok: false as const, index, refusal };
      }
      await db().insert(ledgerEntries).values(row);
      rows.push(row as EntryRow);
      ids.push(row.id);
    }
    await audit({
      actorId: byId,
      personId,
      action: entries.length === 1 ? `money-${entries[0]!.kind}` : "money-statement",
      target: money.planId,
      result: "ok",
      detail: { entries: ids.length, pence: entries.reduce((a, e) => a + e.amountPence, 0) },
    });
    return { ok: true as const, ids };
  });
}

/** Statement lines this person has brought in before (by fingerprint). */
export async function knownFingerprints(personId: string, fingerprints: readonly string[]): Promise<Set<string>> {
  if (fingerprints.length === 0) return new Set();
  return new Set(
    (
      await db()
        .select({ f: ledgerEntries.fingerprint })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.personId, personId), inArray(ledgerEntries.fingerprint, [...fingerprints])))
    ).map((r) => r.f!),
  );
}

/** Which item the person matched each payee to before (newest wins), for suggestions. */
export async function payeeMemory(planId: string): Promise<PayeeMemory> {
  const memory = new Map<string, string>();
  for (const r of await db()
    .select({ payee: ledgerEntries.payee, itemId: ledgerEntries.itemId })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.planId, planId), eq(ledgerEntries.kind, "spent"), isNotNull(ledgerEntries.itemId)))
    .orderBy(asc(ledgerEntries.recordedAt))) {
    if (r.payee && r.itemId) memory.set(payeeKey(r.payee), r.itemId);
  }
  return memory;
}

// ---- statements waiting to be confirmed, and the remembered columns ----

export async function createImport(personId: string, planId: string, byId: string, csv: string): Promise<string> {
  const id = randomUUID();
  await db()
    .insert(statementImports)
    .values({ id, personId, planId, csv, createdBy: byId, createdAt: new Date().toISOString() });
  return id;
}

export async function findImport(personId: string, importId: string) {
  return await firstRow(
    db()
      .select()
      .from(statementImports)
      .where(and(eq(statementImports.id, importId), eq(statementImports.personId, personId))),
  );
}

export async function markImportConfirmed(importId: string): Promise<void> {
  await db()
    .update(statementImports)
    .set({ confirmedAt: new Date().toISOString() })
    .where(eq(statementImports.id, importId));
}

const mappingQuery = preparedQuery((d) =>
  d.select().from(statementMappings).where(eq(statementMappings.personId, byPerson)).limit(1).prepare(),
);

export async function rememberedMapping(personId: string): Promise<ColumnMapping | null> {
  const row = await firstRow(mappingQuery().execute({ personId }));
  return row
    ? { date: row.dateColumn, description: row.descriptionColumn, amount: row.amountColumn, dateOrder: row.dateOrder }
    : null;
}

export async function rememberMapping(personId: string, byId: string, mapping: ColumnMapping): Promise<void> {
  const values = {
    dateColumn: mapping.date,
    descriptionColumn: mapping.description,
    amountColumn: mapping.amount,
    dateOrder: mapping.dateOrder,
    savedBy: byId,
    savedAt: new Date().toISOString(),
  };
  await db()
    .insert(statementMappings)
    .values({ personId, ...values })
    .onConflictDoUpdate({ target: statementMappings.personId, set: values });
}

// ---- receipts: files under DATA_DIR with random names ----

const receiptsDir = () => path.join(dataDir(), "receipts");

export async function saveReceipt(
  personId: string,
  entryId: string,
  byId: string,
  file: { bytes: Uint8Array; mediaType: string },
): Promise<string> {
  mkdirSync(receiptsDir(), { recursive: true, mode: 0o700 });
  const storedName = randomBytes(24).toString("hex");
  writeFileSync(path.join(receiptsDir(), storedName), file.bytes, { mode: 0o600, flag: "wx" });
  const id = randomUUID();
  await db().insert(receipts).values({
    id,
    personId,
    entryId,
    storedName,
    mediaType: file.mediaType,
    bytes: file.bytes.byteLength,
    uploadedBy: byId,
    uploadedAt: new Date().toISOString(),
  });
  await audit({ actorId: byId, personId, action: "receipt-added", target: entryId, result: "ok" });
  return id;
}

const receiptsQuery = preparedQuery((d) =>
  d.select().from(receipts).where(eq(receipts.personId, byPerson)).orderBy(asc(receipts.uploadedAt)).prepare(),
);

export async function receiptsOf(personId: string) {
  return await receiptsQuery().execute({ personId });
}

export async function readReceipt(personId: string, receiptId: string) {
  const row = await firstRow(
    db()
      .select()
      .from(receipts)
      .where(and(eq(receipts.id, receiptId), eq(receipts.personId, personId))),
  );
  if (!row || !/^[0-9a-f]{48}$/.test(row.storedName)) return undefined;
  return { row, bytes: readFileSync(path.join(receiptsDir(), row.storedName)) };
}

// ---- the contingency and sharing ----

const contingencyQuery = preparedQuery((d) =>
  d
    .select()
    .from(contingencies)
    .where(eq(contingencies.planId, byPlan))
    .orderBy(desc(contingencies.agreedAt))
    .limit(1)
    .prepare(),
);

async function latestContingency(planId: string) {
  const row = await firstRow(contingencyQuery().execute({ planId }));
  return row ? { amountPence: row.amountPence, whatFor: row.whatFor, agreedAt: row.agreedAt } : null;
}

export async function agreeContingency(
  money: MoneyPlan,
  personId: string,
  byId: string,
  amountPence: number,
  whatFor: string,
) {
  await db().insert(contingencies).values({
    id: randomUUID(),
    personId,
    planId: money.planId,
    amountPence,
    whatFor,
    agreedBy: byId,
    agreedAt: new Date().toISOString(),
  });
  await audit({
    actorId: byId,
    personId,
    action: "contingency-agreed",
    target: money.planId,
    result: "ok",
    detail: { amountPence },
  });
}

const sharesQuery = preparedQuery((d) =>
  d
    .select({ shared: spendingShares.shared })
    .from(spendingShares)
    .where(eq(spendingShares.personId, byPerson))
    .orderBy(desc(spendingShares.seq))
    .limit(1)
    .prepare(),
);

export async function sharesDetail(personId: string): Promise<boolean> {
  return (await firstRow(sharesQuery().execute({ personId })))?.shared ?? false;
}

export async function setSharesDetail(personId: string, byId: string, shared: boolean): Promise<void> {
  await db().insert(spendingShares).values({ personId, shared, setBy: byId, setAt: new Date().toISOString() });
  await audit({ actorId: byId, personId, action: shared ? "spending-shared" : "spending-unshared", result: "ok" });
}

// ---- for the insights: actual spend by menu kind and by statutory or community provider ----

/**
 * Anonymised totals of actual spend in a period (both days included), by menu kind and provider
 * sector, across everyone: spending less any reversal of it. One query on ledger_kind_date_idx.
 */
export async function spendByKindAndSector(from: string, to: string) {
  return await db()
    .select({
      menuKind: ledgerEntries.menuKind,
      sector: ledgerEntries.sector,
      pence: sql<number>`sum(case when ${ledgerEntries.kind} = 'spent' then ${ledgerEntries.amountPence} when ${ledgerEntries.reversedKind} = 'spent' then -${ledgerEntries.amountPence} else 0 end)`,
      people: sql<number>`count(distinct ${ledgerEntries.personId})`,
    })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.kind, ["spent", "reversal"]), between(ledgerEntries.entryDate, from, to)))
    .groupBy(ledgerEntries.menuKind, ledgerEntries.sector);
}

const planCyclesQuery = preparedQuery((d) =>
  d.select({ id: plans.id, cycle: plans.cycle }).from(plans).where(eq(plans.personId, byPerson)).prepare(),
);
const personLedgerQuery = preparedQuery((d) =>
  d
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.personId, byPerson))
    .orderBy(asc(ledgerEntries.recordedAt))
    .prepare(),
);
const personContingenciesQuery = preparedQuery((d) =>
  d
    .select({
      amountPence: contingencies.amountPence,
      whatFor: contingencies.whatFor,
      agreedAt: contingencies.agreedAt,
    })
    .from(contingencies)
    .where(eq(contingencies.personId, byPerson))
    .prepare(),
);

const sharesHistoryQuery = preparedQuery((d) =>
  d
    .select({ shared: spendingShares.shared, setAt: spendingShares.setAt })
    .from(spendingShares)
    .where(eq(spendingShares.personId, byPerson))
    .orderBy(asc(spendingShares.seq))
    .prepare(),
);

/**
 * Every entry and receipt about a person, for their subject access export, and every choice about
 * sharing the detail with the lead professional (`sharing`, oldest first; the last is the one in force).
 */
export async function moneyRecordsOf(personId: string, withFiles: boolean) {
  const { ledger, receipts, contingencies } = await moneyEntriesOf(personId);
  const sharing = await sharesHistoryQuery().execute({ personId });
  return {
    ledger,
    receipts: await Promise.all(
      receipts.map(async (r) => ({
        ...r,
        contentBase64: withFiles ? ((await readReceipt(personId, r.id))?.bytes.toString("base64") ?? null) : undefined,
      })),
    ),
    contingencies,
    statementColumns: await rememberedMapping(personId),
    sharesDetailWithLeadProfessional: sharing.at(-1)?.shared ?? false,
    sharing,
  };
}

/** A person's ledger entries (each with its plan's cycle), receipts (without their files) and contingencies. */
export async function moneyEntriesOf(personId: string) {
  const planCycles = new Map((await planCyclesQuery().execute({ personId })).map((p) => [p.id, p.cycle]));
  return {
    ledger: (await personLedgerQuery().execute({ personId })).map(
      ({ personId: _p, fingerprint: _f, planId, ...e }) => ({ cycle: planCycles.get(planId) ?? null, ...e }),
    ),
    receipts: (await receiptsOf(personId)).map(({ personId: _p, storedName: _s, ...r }) => r),
    contingencies: await personContingenciesQuery().execute({ personId }),
  };
}
