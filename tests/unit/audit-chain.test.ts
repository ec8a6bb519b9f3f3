import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { appendChained, chainLines } from "~/lib/audit-chain.server";
import { openDatabase } from "~/lib/db.server";
import { main, verifyAuditTrail } from "../../scripts/audit-verify";

const dir = mkdtempSync(path.join(tmpdir(), "audit-chain-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

let n = 0;
/** A database with `lines` audit lines written the way the portal writes them. */
function trail(lines: number) {
  const file = path.join(dir, `trail-${++n}.sqlite`);
  const sqlite = openDatabase(file).$client;
  for (let i = 1; i <= lines; i++)
    appendChained(sqlite, {
      at: new Date(Date.UTC(2026, 0, i)).toISOString(),
      actorId: `user-${i}`,
      personId: "person-1",
      action: "plan-save",
      target: null,
      result: "ok",
      detail: JSON.stringify({ n: i }),
    });
  return { file, sqlite };
}

/** What someone with the file could do: drop the trigger, then edit freely. */
function tamper(sqlite: ReturnType<typeof trail>["sqlite"], statement: string) {
  sqlite.exec("drop trigger audit_log_no_update; drop trigger audit_log_no_delete;");
  sqlite.exec(statement);
}

describe("the hash-chained audit trail and its verify command", () => {
  it("verifies an untouched trail", async () => {
    const { file, sqlite } = trail(5);
    sqlite.close();
    expect(await verifyAuditTrail(file, [])).toMatchObject({ ok: true, count: 5 });
  });

  it("names the first broken line when a line was deleted with the triggers dropped", async () => {
    const { file, sqlite } = trail(5);
    tamper(sqlite, "delete from audit_log where seq = 3");
    sqlite.close();
    expect(await verifyAuditTrail(file, [])).toMatchObject({
      ok: false,
      checked: 2,
      broken: { seq: 4, where: "database", problem: expect.stringMatching(/line\(s\) 3 to 3 are missing/) },
    });
  });

  it("names a line whose words were changed, and a line added without a hash", async () => {
    const changed = trail(4);
    tamper(changed.sqlite, `update audit_log set detail = '{"n":99}' where seq = 2`);
    changed.sqlite.close();
    expect(await verifyAuditTrail(changed.file, [])).toMatchObject({
      ok: false,
      broken: { seq: 2, problem: "was changed after it was written" },
    });

    const added = trail(2);
    added.sqlite.prepare("insert into audit_log (at, action, result) values ('2026-02-01', 'forged', 'ok')").run();
    added.sqlite.close();
    expect(await verifyAuditTrail(added.file, [])).toMatchObject({ ok: false, broken: { seq: 3 } });
  });

  it("checks archive files (one JSON line per audit line) before the database, with the same chain", async () => {
    const { file, sqlite } = trail(6);
    const archive = path.join(dir, "2026-01.jsonl");
    const archived = [...chainLines(sqlite)].filter((line) => line.seq <= 3);
    writeFileSync(archive, archived.map((line) => JSON.stringify(line)).join("\n") + "\n");
    tamper(sqlite, "delete from audit_log where seq <= 3");
    sqlite.close();

    expect(await verifyAuditTrail(file, [archive])).toMatchObject({ ok: true, count: 6 });
    // Without the archive the database alone is not the whole trail, and the command says so.
    expect(await verifyAuditTrail(file, [])).toMatchObject({
      ok: false,
      broken: { seq: 4, problem: expect.stringMatching(/give the archive files/) },
    });
    // An archive edited after it was written is caught too, by file and line.
    const edited = path.join(dir, "edited.jsonl");
    writeFileSync(
      edited,
      archived.map((line) => JSON.stringify(line.seq === 2 ? { ...line, action: "other" } : line)).join("\n"),
    );
    expect(await verifyAuditTrail(file, [edited])).toMatchObject({
      ok: false,
      broken: { seq: 2, where: `${edited}, line 2` },
    });
  });

  it("gives lines written before the chain existed their hashes when the database is opened", async () => {
    const file = path.join(dir, "legacy.sqlite");
    const first = openDatabase(file).$client;
    first.prepare("insert into audit_log (at, action, result) values ('2026-01-01', 'old', 'ok')").run();
    first.prepare("insert into audit_log (at, action, result) values ('2026-01-02', 'old', 'ok')").run();
    first.close();
    const again = openDatabase(file).$client;
    appendChained(again, {
      at: "2026-01-03",
      actorId: null,
      personId: null,
      action: "new",
      target: null,
      result: "ok",
      detail: null,
    });
    // The sealing is the only update the trigger lets through: words stay as written.
    expect(() => again.prepare("update audit_log set action = 'x' where seq = 1").run()).toThrow(/append-only/);
    again.close();
    expect(await verifyAuditTrail(file, [])).toMatchObject({ ok: true, count: 3 });
  });

  it("the command exits 1 naming the line, 0 when intact", async () => {
    const good = trail(2);
    good.sqlite.close();
    const bad = trail(3);
    tamper(bad.sqlite, "delete from audit_log where seq = 2");
    bad.sqlite.close();
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((s: string) => void out.push(s));
    vi.spyOn(console, "error").mockImplementation((s: string) => void out.push(s));
    expect(await main(["--db", good.file])).toBe(0);
    expect(await main(["--db", bad.file])).toBe(1);
    expect(await main(["--db", path.join(dir, "none.sqlite")])).toBe(2);
    expect(out[0]).toMatch(/intact: 2 lines/);
    expect(out[1]).toMatch(/broken at line 3 \(database\)/);
  });
});
