import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applySectionChange, sectionChange } from "~/domain/plan-history";

describe("a save's change, and the section rebuilt from it", () => {
  const a = { id: "a", text: "Sleep better" };
  const b = { id: "b", text: "See friends" };
  const c = { id: "c", text: "Walk daily" };

  it("keeps only what changed in a list: added, changed, removed, and the order when it moved", () => {
    const before = [a, b];
    const after = [{ ...b, text: "See friends weekly" }, c];
    const change = sectionChange(before, after);
    expect(change).toEqual({
      list: { added: [c], changed: [{ ...b, text: "See friends weekly" }], removed: ["a"] },
    });
    expect(applySectionChange(before, change)).toEqual(after);
    const reordered = sectionChange([a, b, c], [c, a, b]);
    expect(applySectionChange([a, b, c], reordered)).toEqual([c, a, b]);
  });

  it("keeps only the fields that changed in a section edited as a whole", () => {
    const before = { plan: "Call Sam", contacts: [a], note: "old" };
    const after = { plan: "Call Sam first", contacts: [a] };
    const change = sectionChange(before, after);
    expect(change).toEqual({ fields: { set: { plan: "Call Sam first" }, unset: ["note"] } });
    expect(applySectionChange(before, change)).toEqual(after);
    expect(applySectionChange("anything", sectionChange("x", "y"))).toBe("y");
  });
});

describe("a scripted year of edits for one person", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "plan-year-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps the database small and every version rebuildable", async () => {
    process.env.DATA_DIR = dir;
    const { db, closeDatabase } = await import("~/lib/db.server");
    const { saveSection, loadPlan, planSectionVersions, currentPlan } = await import("~/models/plan.server");
    const sqlite = db().$client;
    sqlite.pragma("synchronous = OFF"); // the test measures size, not durability
    sqlite
      .prepare("insert into users (id, email, name, role, password_hash) values ('u1', 'a@b.org', 'A', 'person', 'x')")
      .run();
    sqlite.prepare("insert into persons (id, user_id) values ('p1', 'u1')").run();

    const words = (n: number, seed: number) =>
      Array.from(
        { length: n },
        (_, i) => ["support", "walk", "friends", "sleep", "cook", "garden"][(seed + i) % 6],
      ).join(" ");
    let wholeCopies = 0;
    let saves = 0;
    const save = async (section: "outcomes" | "items" | "crisis", content: unknown) => {
      await saveSection("p1", section, content, "latest", { userId: "u1", capacity: "self" }, "edit");
      wholeCopies += JSON.stringify(content).length;
      saves++;
    };
    // 52 weeks, 3 sittings a week, 20 saves a sitting: adds, edits (autosaves as words are typed), removals.
    let outcomes: { id: string; text: string; lifeArea: string }[] = [];
    let items: { id: string; what: string; provider: string; unitCostPence: number; unitsPerYear: number }[] = [];
    let crisis = {
      signs: words(40, 1),
      whatHelps: words(60, 2),
      contacts: [{ name: "Sam", howToReach: "07700 900123" }],
    };
    for (let week = 0; week < 52; week++)
      for (let sitting = 0; sitting < 3; sitting++)
        for (let n = 0; n < 20; n++) {
          const step = (week * 3 + sitting) * 20 + n;
          if (n % 4 === 0 && outcomes.length < 12)
            outcomes = [...outcomes, { id: `o${step}`, text: words(30, step), lifeArea: "wellbeing" }];
          else if (n % 4 === 0 && outcomes.length) outcomes = outcomes.slice(1);
          if (n % 4 === 0) await save("outcomes", outcomes);
          else if (n % 4 === 1) {
            if (items.length < 25)
              items = [
                ...items,
                {
                  id: `i${step}`,
                  what: words(20, step),
                  provider: words(5, step),
                  unitCostPence: 2500,
                  unitsPerYear: 12,
                },
              ];
            else items = items.map((item, i) => (i === step % 25 ? { ...item, what: words(21, step) } : item));
            await save("items", items);
          } else {
            crisis = { ...crisis, whatHelps: `${words(60, step)} ${step}` };
            await save("crisis", crisis);
          }
        }
    const plan = (await currentPlan("p1"))!;
    const versions = await planSectionVersions(plan.id);
    const last = (section: string) => versions.filter((v) => v.section === section).at(-1)!.content;
    expect(last("outcomes")).toEqual((await loadPlan("p1")).plan.outcomes);
    expect(last("items")).toEqual(items);
    expect(last("crisis")).toEqual(crisis);

    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.exec("vacuum");
    const bytes = statSync(path.join(dir, "portal.sqlite")).size;
    await closeDatabase();
    console.log(
      `a year of ${saves} saves for one person: database ${(bytes / 1024 / 1024).toFixed(1)} MB ` +
        `(whole copies of each save alone would be ${(wholeCopies / 1024 / 1024).toFixed(1)} MB)`,
    );
    expect(saves).toBe(3120);
    expect(bytes).toBeLessThan(wholeCopies / 2);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  }, 120_000);
});
