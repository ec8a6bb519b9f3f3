// The cases every engine must pass (tests/unit/transactions.test.ts on SQLite, transactions-pg.test.ts on
// PostgreSQL): the one asynchronous data-access interface, `db()`, `transaction()`, `firstRow()`, `rows()`.
// Call after DATABASE_URL (or DATA_DIR) is set: the modules are imported here, so they read it.
import { describe, expect, it } from "vitest";

export async function transactionCases() {
  const { eq, sql } = await import("drizzle-orm");
  const { teams } = await import("../../db/schema");
  const { db, firstRow, rows, rowsChanged, transaction } = await import("~/lib/db.server");

  const teamNamed = async (id: string) => (await firstRow(db().select().from(teams).where(eq(teams.id, id))))?.name;
  const addTeam = (id: string, name: string) => db().insert(teams).values({ id, name });

  describe("transaction()", () => {
    it("commits every write together", async () => {
      await transaction(async () => {
        await addTeam("t-both-1", "One");
        await addTeam("t-both-2", "Two");
      });
      expect(await teamNamed("t-both-1")).toBe("One");
      expect(await teamNamed("t-both-2")).toBe("Two");
    });

    it("writes nothing when the work fails part way, and the failure reaches the caller", async () => {
      await expect(
        transaction(async () => {
          await addTeam("t-none-1", "One");
          throw new Error("the second part was refused");
        }),
      ).rejects.toThrow("the second part was refused");
      expect(await teamNamed("t-none-1")).toBeUndefined();
    });

    it("a model called inside takes part without being told: db() is the transaction's handle", async () => {
      const renameInAModel = async (id: string, name: string) =>
        db().update(teams).set({ name }).where(eq(teams.id, id));
      await addTeam("t-model", "Before");
      await expect(
        transaction(async () => {
          await renameInAModel("t-model", "After");
          expect(await teamNamed("t-model")).toBe("After"); // seen inside
          throw new Error("undo");
        }),
      ).rejects.toThrow("undo");
      expect(await teamNamed("t-model")).toBe("Before");
    });

    it("inside another transaction it is a savepoint: its failure undoes only its own writes", async () => {
      await transaction(async () => {
        await addTeam("t-outer", "Outer");
        await transaction(async () => {
          await addTeam("t-inner", "Inner");
          throw new Error("inner refused");
        }).catch(() => undefined);
      });
      expect(await teamNamed("t-outer")).toBe("Outer");
      expect(await teamNamed("t-inner")).toBeUndefined();
    });

    it("transactions started at the same moment run one after the other: no count is lost", async () => {
      await addTeam("t-count", "0");
      const increment = () =>
        transaction(async () => {
          const now = Number(await teamNamed("t-count"));
          await db()
            .update(teams)
            .set({ name: String(now + 1) })
            .where(eq(teams.id, "t-count"));
        });
      await Promise.all(Array.from({ length: 25 }, increment));
      expect(await teamNamed("t-count")).toBe("25");
    });
  });

  describe("firstRow(), rows() and rowsChanged()", () => {
    it("answer the first row, rows of SQL, and how many rows a write changed", async () => {
      await addTeam("t-rows-1", "Alpha");
      await addTeam("t-rows-2", "Beta");
      expect((await firstRow(db().select().from(teams).where(eq(teams.id, "t-rows-2"))))?.name).toBe("Beta");
      expect(await firstRow(db().select().from(teams).where(eq(teams.id, "nobody")))).toBeUndefined();
      const found = await rows<{ name: string }>(sql`select name from teams where id like 't-rows-%' order by name`);
      expect(found.map((r) => r.name)).toEqual(["Alpha", "Beta"]);
      expect(rowsChanged(await db().update(teams).set({ name: "Gamma" }).where(eq(teams.id, "t-rows-1")))).toBe(1);
      expect(rowsChanged(await db().update(teams).set({ name: "Gamma" }).where(eq(teams.id, "nobody")))).toBe(0);
    });
  });
  return { db, teams, teamNamed, addTeam, transaction };
}
