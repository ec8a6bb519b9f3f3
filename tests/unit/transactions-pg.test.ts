import { afterAll, describe, expect, it } from "vitest";
import { startPostgres } from "../support/postgres";
import { transactionCases } from "../support/transaction-cases";

// The same cases on PostgreSQL: each transaction on a pooled connection of its own, so "one after the
// other" is the write lock's doing (app/lib/db.server.ts), not a single connection's.
const postgres = await startPostgres();
process.env.DATABASE_URL = postgres.url;
const { databaseReady, closeDatabase, outsideTransaction } = await import("~/lib/db.server");
await databaseReady();
afterAll(async () => {
  await closeDatabase();
  await postgres.stop();
});

const { teamNamed, addTeam, transaction } = await transactionCases();

describe("transaction() on PostgreSQL", () => {
  it("work carried on outside the transaction (mail sent in the background) uses a connection of its own", async () => {
    await transaction(async () => {
      await addTeam("t-outside", "Uncommitted");
      expect(await teamNamed("t-outside")).toBe("Uncommitted");
      // As deliverOutbox does: started inside, it must not run on the transaction's connection (which
      // goes back to the pool when the transaction ends), so it cannot see the uncommitted row.
      expect(await outsideTransaction(() => teamNamed("t-outside"))).toBeUndefined();
    });
    expect(await teamNamed("t-outside")).toBe("Uncommitted");
  });
});
