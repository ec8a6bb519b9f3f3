import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";

// The models use the one connection, opened lazily from DATA_DIR: point it at a scratch folder first.
const dir = mkdtempSync(path.join(tmpdir(), "portal-budget-"));
process.env.DATA_DIR = dir;

const { closeDatabase } = await import("~/lib/db.server");
const { createAccount } = await import("~/models/users.server");
const { agreeRating, calculateBudget, latestBudgets, saveAnswer, saveInformal, allBudgets } =
  await import("~/models/assessment.server");

let personId: string;
let userId: string;

beforeAll(async () => {
  const created = await createAccount({
    name: "Rule Tester",
    email: "rules@example.org",
    password: "a long test pass phrase",
    role: "person",
  });
  personId = created!.personId!;
  userId = created!.user.id;
  // mood 3, keeping-safe 2, daily-living 2, the rest 0: 3×3 + 3×2 + 2×2 = 19 points.
  for (const key of NEED_AREA_KEYS)
    await saveAnswer(
      personId,
      key,
      key === "mood" ? 3 : key === "keeping-safe" || key === "daily-living" ? 2 : 0,
      userId,
    );
  await saveInformal(personId, "a-lot", userId);
});

afterAll(async () => {
  await closeDatabase();
  rmSync(dir, { recursive: true, force: true });
});

describe("budget records", () => {
  it("stores the calculation with every input and its source", async () => {
    const record = await calculateBudget(personId, "self", userId, "example-2026-1");
    // NHS points 9×0.8 + 6×0.8 + 4×0.2 = 12.8 → £3,840; council 6.2 × £300 × 85% = £1,581 → £1,580.
    expect(record.points).toBe(19);
    expect(record.nhsPence).toBe(384_000);
    expect(record.councilPence).toBe(158_000);
    expect(record.totalPence).toBe(542_000);
    expect(record.inputs.ratings.find((r) => r.area === "mood")).toMatchObject({
      rating: 3,
      source: "self",
      answeredBy: userId,
    });
    expect(record.inputs.informal).toBe("a-lot");
  });

  it("a new rule set makes a new record and leaves the old one and its figures unchanged", async () => {
    const before = await allBudgets(personId);
    await calculateBudget(personId, "self", userId, "example-bands-2026-1");
    const after = await allBudgets(personId);
    expect(after).toHaveLength(before.length + 1);
    const old = after.find((r) => r.id === before[0]!.id)!;
    expect(old).toEqual(before[0]);
    expect(old.ruleSetId).toBe("example-2026-1");
    expect(after[0]!.ruleSetId).toBe("example-bands-2026-1");
  });

  it("an agreed rating makes an agreed calculation; the person's own stays", async () => {
    const agreed = await agreeRating(
      personId,
      "mood",
      4,
      "We talked about the last month: it has been harder than the form shows.",
      userId,
    );
    // mood 4: 12 + 6 + 4 = 22 points.
    expect(agreed.points).toBe(22);
    expect(agreed.basis).toBe("agreed");
    expect(agreed.inputs.ratings.find((r) => r.area === "mood")).toMatchObject({
      rating: 4,
      source: "agreed",
      selfRating: 3,
    });
    const latest = await latestBudgets(personId);
    expect(latest.self?.points).toBe(19);
    expect(latest.agreed?.points).toBe(22);
  });

  it("the database refuses to change a stored calculation", async () => {
    const { db } = await import("~/lib/db.server");
    expect(() => db().$client.prepare("update allocations set total_pence = 1").run()).toThrow(/never changed/);
    expect(() => db().$client.prepare("delete from allocations").run()).toThrow(/never changed/);
  });
});
