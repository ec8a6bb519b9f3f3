import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { transactionCases } from "../support/transaction-cases";

// The one asynchronous data-access interface on the embedded engine (the shared cases), and what only
// it has. This file's own data folder: the connection reads DATA_DIR when it first opens the database.
const dataDir = mkdtempSync(path.join(tmpdir(), "transactions-"));
process.env.DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { teamNamed, addTeam, transaction } = await transactionCases();

describe("transaction() on the embedded engine", () => {
  it("work that waits on something other than the database is rolled back and fails loudly", async () => {
    await expect(
      transaction(async () => {
        await addTeam("t-waited", "Waited");
        await new Promise((resolve) => setTimeout(resolve, 5)); // as a password hash or a file read would
      }),
    ).rejects.toThrow(/waited on something other than the database/);
    expect(await teamNamed("t-waited")).toBeUndefined();
    // The connection is usable afterwards.
    await transaction(async () => addTeam("t-after", "After"));
    expect(await teamNamed("t-after")).toBe("After");
  });
});
