import { describe, expect, inject, it } from "vitest";
import { openTestDatabase } from "../support/database";
import { Browserish, baseUrl, dataDir } from "../support/http";
import { signUp } from "../support/accounts";

/**
 * Test files run side by side, each against the server of its worker slot (tests/setup/server.ts):
 * what one file does must land in its own database and no other, or files would meet.
 */
describe("one test server per worker slot", () => {
  it("each slot has its own address and data folder, and this file's address writes to this file's database only", async () => {
    const urls = inject("baseUrls");
    const dirs = inject("dataDirs");
    expect(dirs).toHaveLength(urls.length);
    expect(new Set(urls).size).toBe(urls.length);
    expect(new Set(dirs).size).toBe(dirs.length);
    expect(urls).toContain(baseUrl());

    const email = `slot-${process.env.VITEST_POOL_ID}-${Date.now()}@example.org`;
    const signedUp = await signUp(new Browserish(), {
      name: "Sol Slot",
      email,
      password: "a long pass phrase for one slot",
    });
    expect(signedUp.status).toBe(302);
    for (const [slot, dir] of dirs.entries()) {
      const db = await openTestDatabase({ slot });
      const row = await db.get<{ n: number }>("select count(*) as n from users where email = ?", email);
      await db.close();
      expect(row?.n, dir).toBe(dir === dataDir() ? 1 : 0);
    }
  });
});
