import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, recordLinks, signIn, signUp } from "../support/accounts";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { Browserish } from "../support/http";
import { GYM, PA, signedOffPerson, WHAT_HELPS, type SignedOff } from "../support/signed-off-plan";

/**
 * Money after sign-off over HTTP: money received, payments against items, statements (mapping,
 * all or nothing, duplicates), receipts (type by bytes, 5 MB, who may fetch them), corrections as
 * new entries, the crisis contingency, the notes, the monitoring return and the data export.
 */
let db: TestDatabase;
let s: SignedOff;
let tomasz: Browserish;
let sam: Browserish;

const count = async (personId: string) =>
  (await db.get<{ n: number }>("select count(*) as n from ledger_entries where person_id = ?", personId))!.n;

/** The figures of one row of the per-item table, as shown. */
async function itemRow(browser: Browserish, personId: string, itemId: string): Promise<string[]> {
  const html = await (await browser.get(`/people/${personId}/spending`)).text();
  const row = new RegExp(`data-item="${itemId}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "";
  return [...row.matchAll(/<td class="num">([^<]*)/g)].map((m) => m[1]!);
}

const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

export function statementCsv(lines: [string, string, string][]): string {
  return ["Date,Details,Amount,Balance", ...lines.map(([d, desc, a]) => `${d},${desc},${a},0.00`)].join("\n") + "\n";
}

beforeAll(async () => {
  db = await openTestDatabase();
  s = await signedOffPerson("Mina Money", "mina.money@example.org");
  tomasz = await signIn(DEMO.tomasz);
  sam = await signIn(DEMO.sam);
}, 120_000);

afterAll(() => db?.close());

describe("money received and payments", () => {
  it("after sign-off the page shows the plan year, the expected payments (NHS and council) and every item planned, nothing spent", async () => {
    const html = await (await s.person.get(`/people/${s.personId}/spending`)).text();
    expect(html).toContain("Payments expected into the account");
    expect(html).toContain("every four weeks, in 13 payments");
    expect(await itemRow(s.person, s.personId, s.items.gym)).toEqual(["£300", "£0", "£0", "£300"]);
    expect(await itemRow(s.person, s.personId, s.items.pa)).toEqual(["£1,200", "£0", "£0", "£1,200"]);
  });

  it("money received by source and a payment against an item change planned, spent and left exactly", async () => {
    const base = `/people/${s.personId}/spending`;
    const received = await s.person.post(`${base}/received`, {
      intent: "received",
      date: "2026-12-01",
      amount: "500.01",
      source: "council",
    });
    expect(received.status).toBe(302);
    expect(
      (
        await s.person.post(`${base}/received`, {
          intent: "received",
          date: "2026-12-01",
          amount: "250",
          source: "nhs",
        })
      ).status,
    ).toBe(302);
    const paid = await s.person.post(`${base}/record`, {
      intent: "payment",
      date: "2026-12-02",
      amount: "25.50",
      payee: "Riverside Leisure",
      itemId: s.items.gym,
      status: "paid",
      method: "card",
      sector: "community",
    });
    expect(paid.status).toBe(302);
    expect(paid.headers.get("location")).toContain(`${base}/receipts?entry=`);
    expect(await itemRow(s.person, s.personId, s.items.gym)).toEqual(["£300", "£25.50", "£0", "£274.50"]);
    const html = await (await s.person.get(base)).text();
    expect(html).toMatch(/data-total="receivedNhs"><th scope="row">[^<]+<\/th><td class="num">£250</);
    expect(html).toMatch(/data-total="receivedCouncil"><th scope="row">[^<]+<\/th><td class="num">£500.01</);
    expect(html).toMatch(/data-total="balance"><th scope="row">[^<]+<\/th><td class="num">£724.51</);
  });

  it("a form with mistakes comes back with what was typed and a message by the field; an item of another plan is refused", async () => {
    const base = `/people/${s.personId}/spending`;
    const before = await count(s.personId);
    const bad = await s.person.post(`${base}/record`, {
      intent: "payment",
      date: "2026-02-30",
      amount: "12.345",
      payee: "Typed payee stays",
      itemId: s.items.gym,
      status: "paid",
      method: "card",
      sector: "community",
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Typed payee stays");
    expect(html).toContain("Please give an amount in pounds");
    const forged = await s.person.post(`${base}/record`, {
      intent: "payment",
      date: "2026-12-02",
      amount: "1",
      payee: "x",
      itemId: "00000000-0000-4000-8000-000000000000",
      status: "paid",
      method: "card",
      sector: "community",
    });
    expect(forged.status).toBe(400);
    expect(await count(s.personId)).toBe(before);
  });

  it("a correction is a new entry: the figures go back, and the first entry is still there", async () => {
    const base = `/people/${s.personId}/spending`;
    await s.person.post(`${base}/record`, {
      intent: "payment",
      date: "2026-12-03",
      amount: "99",
      payee: "Wrong payee",
      itemId: s.items.pa,
      status: "paid",
      method: "cash",
      sector: "community",
    });
    expect(await itemRow(s.person, s.personId, s.items.pa)).toEqual(["£1,200", "£99", "£0", "£1,101"]);
    const entry = (await db.get<{ id: string }>(
      "select id from ledger_entries where person_id = ? and payee = 'Wrong payee'",
      s.personId,
    ))!;
    const before = await count(s.personId);
    const corrected = await s.person.post(base, { intent: "correct", entryId: entry.id, reason: "I typed it twice" });
    expect(corrected.status).toBe(302);
    expect(await itemRow(s.person, s.personId, s.items.pa)).toEqual(["£1,200", "£0", "£0", "£1,200"]);
    expect(await count(s.personId)).toBe(before + 1);
    const again = await s.person.post(base, { intent: "correct", entryId: entry.id, reason: "twice" });
    expect(again.status).toBe(400);
  });

  it("spending over an item's amount shows the note, with what the person can do", async () => {
    const base = `/people/${s.personId}/spending`;
    await s.person.post(`${base}/record`, {
      intent: "payment",
      date: "2026-12-04",
      amount: "280",
      payee: "Riverside Leisure",
      itemId: s.items.gym,
      status: "paid",
      method: "card",
      sector: "community",
    });
    const html = await (await s.person.get(base)).text();
    expect(html).toContain(`“${GYM}” has gone over its amount by £5.50.`);
    expect(html).toContain(`href="/people/${s.personId}/plan/using"`);
  });

  it("a peer broker sees the figures but cannot record or see who was paid; another person gets 404", async () => {
    const base = `/people/${s.personId}/spending`;
    expect((await tomasz.get(base)).status).toBe(404);
    expect((await tomasz.post(`${base}/record`, { intent: "payment" }, { from: "/home" })).status).toBe(404);
    expect((await sam.get(base)).status).toBe(404); // Sam is not Mina's broker
    const jo = await (await s.jo.get(base)).text();
    expect(jo).toContain(PA);
    expect(jo).not.toContain("Riverside Leisure");
    expect((await s.jo.get(`${base}/record`)).status).toBe(404);
  });
});

describe("statements", () => {
  const base = () => `/people/${s.personId}/spending`;
  const upload = (csv: string) =>
    s.person.postFiles(
      `${base()}/import`,
      { intent: "upload" },
      { statement: { name: "statement.csv", type: "text/csv", bytes: csv } },
    );

  const lines = (): [string, string, string][] =>
    Array.from({ length: 20 }, (_, i) => [
      `${String(5 + i).padStart(2, "0")}/01/2027`,
      i % 2 === 0 ? `RIVERSIDE LEISURE ${i}` : `HELPING HANDS AGENCY ${i}`,
      i % 2 === 0 ? "-25.00" : "-15.00",
    ]);

  it("a statement with a bad date on line 7 is refused with line 7 named, and nothing is recorded", async () => {
    const bad = lines();
    bad[5] = ["31/02/2027", "RIVERSIDE LEISURE", "-25.00"]; // line 7: header is line 1
    const res = await upload(statementCsv(bad));
    expect(res.status).toBe(302);
    const page = res.headers.get("location")!;
    const mapping = await (await s.person.get(page)).text();
    expect(mapping).toContain('name="dateColumn"');
    expect(
      (
        await s.person.post(page, {
          intent: "map",
          dateColumn: "Date",
          descriptionColumn: "Details",
          amountColumn: "Amount",
          dateOrder: "day-first",
        })
      ).status,
    ).toBe(302);
    const before = await count(s.personId);
    const html = await (await s.person.get(page)).text();
    expect(html).toContain("Line 7: the date could not be read.");
    expect(html).toContain("Nothing has been recorded");
    const forced = await s.person.post(page, { intent: "confirm", choice: `2:item:${s.items.gym}` });
    expect(forced.status).toBe(400);
    expect(await forced.text()).toContain("Line 7");
    expect(await count(s.personId)).toBe(before);
  });

  it("a good statement: the columns are remembered, lines are suggested by payee and amount, and recorded all at once", async () => {
    const res = await upload(statementCsv(lines()));
    const page = res.headers.get("location")!;
    const html = await (await s.person.get(page)).text();
    expect(html).not.toContain('name="dateColumn"');
    expect(html).toContain("20 lines to check");
    const suggested = [...html.matchAll(/<option value="(\d+:[^"]+)" selected/g)].map((m) => m[1]!);
    expect(suggested).toHaveLength(20);
    expect(suggested[0]).toBe(`2:item:${s.items.gym}`);
    expect(suggested[1]).toBe(`3:item:${s.items.pa}`);
    const before = await count(s.personId);
    const gymBefore = await itemRow(s.person, s.personId, s.items.gym);
    const confirmed = await s.person.post(page, { intent: "confirm", choice: suggested });
    expect(confirmed.status).toBe(302);
    expect(await count(s.personId)).toBe(before + 20);
    expect(gymBefore[1]).toBe("£305.50");
    expect((await itemRow(s.person, s.personId, s.items.gym))[1]).toBe("£555.50");
  });

  it("the same statement brought in twice adds nothing the second time", async () => {
    const res = await upload(statementCsv(lines()));
    const page = res.headers.get("location")!;
    const html = await (await s.person.get(page)).text();
    expect(html.match(/tag--grey">Already brought in/g)).toHaveLength(20);
    expect(html).not.toContain('name="choice"');
    const before = await count(s.personId);
    expect((await s.person.post(page, { intent: "confirm" })).status).toBe(302);
    expect(await count(s.personId)).toBe(before);
  });

  it("a file that is not CSV text, or a broken CSV, is refused with a clear message", async () => {
    const binary = await s.person.postFiles(
      `${base()}/import`,
      { intent: "upload" },
      { statement: { name: "statement.csv", type: "text/csv", bytes: PNG } },
    );
    expect(binary.status).toBe(400);
    expect(await binary.text()).toContain("must be a CSV text file");
    const broken = await upload("Date,Details,Amount\n05/01/2027,Shop,-1.00\n06/01/2027,Shop\n");
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("could not be read as CSV at line 3");
  });
});

describe("receipts", () => {
  const base = () => `/people/${s.personId}/spending`;
  let entryId: string;
  let receiptUrl: string;

  beforeAll(async () => {
    entryId = (await db.get<{ id: string }>(
      "select id from ledger_entries where person_id = ? and kind = 'spent' order by recorded_at limit 1",
      s.personId,
    ))!.id;
  });

  const send = (file: { name: string; type: string; bytes: Uint8Array | string }) =>
    s.person.postFiles(`${base()}/receipts`, { intent: "receipt", entryId }, { receipt: file });

  it("an upload that claims to be a PDF but is not is refused", async () => {
    const res = await send({
      name: "receipt.pdf",
      type: "application/pdf",
      bytes: "<html><script>alert(1)</script></html>",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("not one, whatever its name says");
  });

  it("an upload over 5 MB is refused", async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(Buffer.from("%PDF-1.4\n"));
    const res = await send({ name: "big.pdf", type: "application/pdf", bytes: big });
    expect([400, 413]).toContain(res.status);
    expect(await res.text()).toContain("bigger than 5 MB");
    expect(await db.get("select count(*) as n from receipts where person_id = ?", s.personId)).toEqual({ n: 0 });
  });

  it("a real photo is kept under a random name and comes back only as a download", async () => {
    const res = await send({ name: "Mina's gym receipt.png", type: "image/png", bytes: PNG });
    expect(res.status).toBe(302);
    const row = (await db.get<{ id: string; stored_name: string; media_type: string }>(
      "select id, stored_name, media_type from receipts where person_id = ?",
      s.personId,
    ))!;
    expect(row.media_type).toBe("image/png");
    expect(row.stored_name).toMatch(/^[0-9a-f]{48}$/);
    receiptUrl = `${base()}/receipts/${row.id}`;
    expect(await (await s.person.get(base())).text()).toContain(`href="${receiptUrl}"`);
    const file = await s.person.get(receiptUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="receipt-\d{4}-\d{2}-\d{2}\.png"$/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });

  it("a receipt cannot be fetched by another person, a helper without rights, the lead professional unless shared, or signed out", async () => {
    expect((await tomasz.get(receiptUrl)).status).toBe(404);
    const invite = await s.person.post(`/people/${s.personId}/helpers`, { intent: "invite", kind: "peer-broker" });
    const code = /data-testid="invitation-code">([A-Z0-9-]+)</.exec(await invite.text())?.[1];
    const broker = new Browserish();
    await signUp(
      broker,
      { name: "Bea Broker", email: "bea.broker@example.org", password: "bea brokers a long phrase", invitation: code! },
      { from: `/sign-up?invitation=${code}` },
    );
    expect(await recordLinks(broker)).toEqual([s.personId]);
    expect((await broker.get(base())).status).toBe(200);
    expect((await broker.get(receiptUrl)).status).toBe(404);
    expect((await s.jo.get(receiptUrl)).status).toBe(404);
    expect((await new Browserish().get(receiptUrl)).status).toBe(302);
    // The person shares the detail: now the lead professional may download it, and sees who was paid.
    expect((await s.person.post(base(), { intent: "share" })).status).toBe(302);
    expect((await s.jo.get(receiptUrl)).status).toBe(200);
    expect(await (await s.jo.get(base())).text()).toContain("Riverside Leisure");
    expect((await s.person.post(base(), { intent: "unshare" })).status).toBe(302);
    expect((await s.jo.get(receiptUrl)).status).toBe(404);
  });

  it("receipts and ledger entries are in the person's data export", async () => {
    const res = await s.person.get(`/people/${s.personId}/my-data.json`);
    const data = (await res.json()) as {
      money: {
        ledger: { payee: string | null }[];
        receipts: { mediaType: string; contentBase64: string }[];
        sharesDetailWithLeadProfessional: boolean;
        sharingWithLeadProfessional: { shared: boolean; setAt: string }[];
      };
    };
    expect(data.money.ledger.some((e) => e.payee === "Riverside Leisure")).toBe(true);
    expect(data.money.receipts).toHaveLength(1);
    expect(Buffer.from(data.money.receipts[0]!.contentBase64, "base64")).toEqual(Buffer.from(PNG));
    // Shared, then unshared (the test above): both choices, oldest first, and the one in force.
    expect(data.money.sharingWithLeadProfessional.map((c) => c.shared)).toEqual([true, false]);
    expect(data.money.sharesDetailWithLeadProfessional).toBe(false);
    expect(Object.keys(data.money)).toEqual([
      "ledger",
      "receipts",
      "contingencies",
      "statementColumns",
      "sharesDetailWithLeadProfessional",
      "statementImports",
      "sharingWithLeadProfessional",
    ]);
  });
});

describe("the crisis contingency", () => {
  const base = () => `/people/${s.personId}/spending`;
  it("the lead professional records the sum agreed at sign-off, beside what helps in the crisis plan", async () => {
    const page = await (await s.jo.get(`${base()}/contingency`)).text();
    expect(page).toContain(WHAT_HELPS);
    expect(
      (await s.person.post(`${base()}/contingency`, { intent: "agree", amount: "500", whatFor: "x" })).status,
    ).toBe(400);
    const agreed = await s.jo.post(`${base()}/contingency`, {
      intent: "agree",
      amount: "500",
      whatFor: "up to three nights at the crisis house",
    });
    expect(agreed.status).toBe(302);
  });

  it("the person draws on it at once without approval, and the lead professional gets a notice", async () => {
    const drawn = await s.person.post(`${base()}/contingency`, {
      intent: "draw",
      date: "2027-01-20",
      amount: "200",
      payee: "The crisis house",
    });
    expect(drawn.status).toBe(302);
    const page = await (await s.person.get(`${base()}/contingency`)).text();
    expect(page).toContain("£500 agreed for up to three nights at the crisis house. £300 left.");
    const notices = await (await s.jo.get("/notifications")).text();
    expect(notices).toContain("Mina Money has used £200 from their crisis contingency.");
    const tooMuch = await s.person.post(`${base()}/contingency`, {
      intent: "draw",
      date: "2027-01-21",
      amount: "300.01",
      payee: "The crisis house",
    });
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain("more than is left of the contingency");
  });
});

describe("the monitoring return", () => {
  it("a quarter's CSV balances: opening + received − spent = closing, with the record's id and no name", async () => {
    const res = await s.person.get(`/people/${s.personId}/spending/return.csv?from=2027-01-01&to=2027-03-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const [header, row] = (await res.text()).trim().split("\r\n");
    const cells = Object.fromEntries(row!.split(",").map((v, i) => [header!.split(",")[i]!, v]));
    expect(cells.person).toBe(s.personId);
    const p = (k: string) => Math.round(Number(cells[k]) * 100);
    expect(p("opening")).toBe(50_001 + 25_000 - 2_550 - 28_000);
    expect(p("opening") + p("received_nhs") + p("received_council") - p("spent")).toBe(p("closing"));
    expect(p("spent")).toBe(10 * 2_500 + 10 * 1_500 + 20_000);
    expect(p("spent_contingency")).toBe(20_000);
    const page = await (await s.jo.get(`/people/${s.personId}/spending/return?from=2027-01-01&to=2027-03-31`)).text();
    expect(page).toContain("Opening balance");
    expect(page).toContain("Spent by kind of support");
  });
});

describe("money held by an organisation", () => {
  it("for an individual service fund the lead professional records the statements, and the person cannot", async () => {
    const isf = await signedOffPerson("Ivo Fund", "ivo.fund@example.org", "individual-service-fund");
    const base = `/people/${isf.personId}/spending`;
    expect((await isf.person.get(`${base}/received`)).status).toBe(404);
    expect((await isf.person.post(`${base}/received`, { intent: "received" }, { from: base })).status).toBe(404);
    const page = await (await isf.jo.get(`${base}/received`)).text();
    expect(page).toContain("The organisation holding the money sends statements");
    expect(
      (
        await isf.jo.post(`${base}/received`, {
          intent: "received",
          date: "2027-01-05",
          amount: "100",
          source: "council",
        })
      ).status,
    ).toBe(302);
    expect(await (await isf.person.get(base)).text()).toMatch(
      /data-total="received"><th scope="row">[^<]+<\/th><td class="num">£100</,
    );
  });
});
