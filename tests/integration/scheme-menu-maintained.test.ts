import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuEntrySchema, providerSchema } from "~/domain/menu";
import { DEMO, recordLinks, signIn, signUp } from "../support/accounts";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { Browserish } from "../support/http";

/**
 * The menu maintained by commissioners (entries of every kind, accredited providers) and contestable
 * rules (anyone questions a rule; a commissioner's reply is recorded and reaches the asker). Every
 * refusal names its box and keeps what was typed.
 */
let morgan: Browserish;
let person: Browserish;
let personId: string;
let db: TestDatabase;

/** The error message shown beside a field (after its hidden "Error:" prefix). */
const errorBy = (html: string, name: string) =>
  new RegExp(
    `id="f-${name.replace(/[.]/g, "\\.")}-error"><span class="visually-hidden">[\\s\\S]*?</span>([^<]*)</span>`,
  )
    .exec(html.replaceAll("<!-- -->", ""))?.[1]
    ?.replaceAll("&#x27;", "'");
const typedInto = (html: string, name: string) => {
  const escaped = name.replace(/[.]/g, "\\.");
  return (
    new RegExp(`<input\\b[^>]*\\sname="${escaped}"[^>]*\\svalue="([^"]*)"`).exec(html)?.[1] ??
    new RegExp(`<textarea\\b[^>]*\\sname="${escaped}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1]
  );
};
const text = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");
/** The id of the question in the inbox whose words are `message` (other files on this server may have asked too). */
const questionIdFor = (inbox: string, message: string) =>
  inbox
    .split("<li")
    .find((item) => item.includes(message))
    ?.match(/href="\/scheme\/questions\/([0-9a-f-]{36})"/)?.[1];

const ALLOTMENT = {
  kind: "citizen-led",
  "en.title": "Allotment rent",
  "en.description": "Renting an allotment plot to grow food.",
  "en.why": "Growing things helps many people stay well.",
  "en.examples": "a council allotment\na community garden plot",
  reason: "People asked for it at the co-production group",
};

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const dateBoxes = (date: Date) => ({
  "accreditationExpires-day": String(date.getUTCDate()),
  "accreditationExpires-month": String(date.getUTCMonth() + 1),
  "accreditationExpires-year": String(date.getUTCFullYear()),
});
const PROVIDER = {
  name: "Integration Talking Therapy",
  treatment: "cbt",
  accreditingBody: "Example Accreditation Body for Talking Therapies (fictional)",
  registrationNumber: "EX-CBT-0099",
  price: "72.50",
  area: "Exampletown",
  reason: "Newly accredited",
};

beforeAll(async () => {
  db = await openTestDatabase();
  morgan = await signIn(DEMO.morgan);
  person = new Browserish();
  await signUp(person, {
    name: "Quinn Question",
    email: "quinn.question@example.org",
    password: "quinn asks a long phrase",
  });
  personId = (await recordLinks(person))[0]!;
}, 60_000);

afterAll(() => db?.close());

describe("menu entries, maintained", () => {
  it("refuses an entry with each problem by its box, keeping what was typed", async () => {
    const res = await morgan.post("/scheme/menu/entries/new", {
      kind: "absolute-exclusion",
      "en.title": "Fireworks",
      "en.description": "Rockets and sparklers.",
      "en.why": "",
      "en.examples": "rockets",
      "en.screening": "e-cigarette",
      reason: "Safety",
    });
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(errorBy(html, "en.why")).toBe("Say in English why this rule");
    expect(errorBy(html, "en.helpInstead")).toBe("Say in English what helps instead");
    expect(errorBy(html, "en.screening")).toBe("Check this: must be words separated by single spaces");
    expect(typedInto(html, "en.title")).toBe("Fireworks");
    expect(typedInto(html, "en.screening")).toBe("e-cigarette");
    const noKind = await text(await morgan.post("/scheme/menu/entries/new", { ...ALLOTMENT, kind: "" }));
    expect(errorBy(noKind, "kind")).toBe("Choose the kind of entry");
    // The kind of an entry in force cannot be changed by hand.
    const kind = await morgan.post("/scheme/menu/entries/gym-membership", { ...ALLOTMENT, kind: "co-designed" });
    expect(kind.status).toBe(400);
    expect(await text(kind)).toContain("The kind of an entry cannot change: add a new entry instead");
  });

  it("adds an entry in English only: a new version, flagged on /menu for Urdu and Polish review, logged", async () => {
    const versionsBefore = (await db.get<{ n: number }>("select count(*) as n from menu_changes"))!.n;
    const added = await morgan.post("/scheme/menu/entries/new", ALLOTMENT);
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe("/scheme/menu?saved");
    const row = (await db.get<Record<string, string>>("select * from menu_changes order by seq desc limit 1"))!;
    expect(row.change).toBe("added");
    expect(row.version).toBe(`2026-1.${versionsBefore + 1}`);
    // Stored through the one entry schema the content files pass.
    const stored = menuEntrySchema.parse(JSON.parse(row.record!));
    expect(stored.id).toBe("allotment-rent");
    expect(stored.title.ur).toBe("Allotment rent");
    expect(JSON.parse(row.awaiting_review!)).toEqual(["ur", "pl"]);

    const scheme = await text(await morgan.get("/scheme/menu"));
    expect(scheme).toContain(`Menu version 2026-1.${versionsBefore + 1} is in force`);
    expect(scheme).toMatch(
      /“Allotment rent” was added to the menu\. Why: People asked for it at the co-production group Made by Morgan Lee\./,
    );
    const menu = await text(await new Browserish().get("/menu"));
    expect(menu).toContain('<section id="allotment-rent"');
    const section = menu.slice(menu.indexOf('<section id="allotment-rent"'));
    expect(section.slice(0, section.indexOf("</section>"))).toContain("Translation awaiting review: Urdu and Polish");
    expect(menu).toContain(
      "“Allotment rent” was added to the menu. Why: People asked for it at the co-production group",
    );

    // A change to the English with the Polish typed too: only Urdu still awaits review; the log names the parts.
    const changed = await morgan.post("/scheme/menu/entries/allotment-rent", {
      ...ALLOTMENT,
      "en.title": "Allotment or garden plot rent",
      "pl.title": "Czynsz za działkę",
      "pl.description": "Wynajem działki do uprawy żywności.",
      "pl.why": "Uprawa roślin pomaga wielu osobom.",
      "pl.examples": "działka miejska",
      reason: "A clearer title",
    });
    expect(changed.status).toBe(302);
    const last = (await db.get<Record<string, string>>("select * from menu_changes order by seq desc limit 1"))!;
    expect(last.change).toBe("changed");
    expect(JSON.parse(last.awaiting_review!)).toEqual(["ur"]);
    const after = await text(await new Browserish().get("/menu"));
    expect(after).toContain("Translation awaiting review: Urdu");
    expect(after).toMatch(
      /“Allotment or garden plot rent” was changed \(title, what it is, examples, why\)\. Why: A clearer title/,
    );
    // Saving again with nothing changed is refused, not a new version.
    const same = await morgan.post("/scheme/menu/entries/allotment-rent", {
      ...ALLOTMENT,
      "en.title": "Allotment or garden plot rent",
      "pl.title": "Czynsz za działkę",
      "pl.description": "Wynajem działki do uprawy żywności.",
      "pl.why": "Uprawa roślin pomaga wielu osobom.",
      "pl.examples": "działka miejska",
      reason: "Again",
    });
    expect(same.status).toBe(400);
    expect(await text(same)).toContain("Nothing was changed");
  });
});

describe("an exclusion added in the portal", () => {
  it("is refused as a choice and screens a new item's own words at once, in the version in force", async () => {
    const added = await morgan.post("/scheme/menu/entries/new", {
      kind: "absolute-exclusion",
      "en.title": "Fireworks",
      "en.description": "Rockets, sparklers and other fireworks.",
      "en.why": "Public money for health and care cannot be spent on fireworks.",
      "en.examples": "rockets\nsparklers",
      "en.helpInstead": "Most towns hold a free public display.",
      "en.screening": "firework*\nsparkler*",
      reason: "Asked for by the safety group",
    });
    expect(added.status).toBe(302);
    const version = (await db.get<{ version: string }>("select version from menu_changes order by seq desc limit 1"))!
      .version;
    const base = { intent: "add", frequency: "Once", unitCost: "30", unitsPerYear: "1", provider: "A shop" };
    const chosen = await person.post(`/people/${personId}/plan/items`, {
      ...base,
      what: "Bonfire night",
      menuEntryId: "fireworks",
    });
    expect(chosen.status).toBe(400);
    expect(await text(chosen)).toContain("The budget can&#x27;t pay for this");
    const words = await person.post(`/people/${personId}/plan/items`, {
      ...base,
      what: "Bonfire night",
      menuEntryId: "something-else",
      somethingElse: "Sparklers for the children",
    });
    expect(words.headers.get("location")).toMatch(/done=flagged$/);
    const plan = await db.get<{ content: string }>(
      "select content from plan_sections where section = 'items' and plan_id in (select id from plans where person_id = ?)",
      personId,
    );
    expect(plan?.content).toContain(`"menuVersion":"${version}"`);
  });
});

describe("accredited providers, maintained", () => {
  it("refuses a provider with each problem by its box, keeping what was typed", async () => {
    const res = await morgan.post("/scheme/providers/new", {
      ...PROVIDER,
      name: "",
      price: "seventy",
      "accreditationExpires-day": "31",
      "accreditationExpires-month": "2",
      "accreditationExpires-year": "2028",
    });
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(errorBy(html, "name")).toBe("Enter the provider's name");
    expect(errorBy(html, "price")).toBe("Enter the price per session in pounds and pence, more than £0, such as 65.00");
    expect(errorBy(html, "accreditationExpires")).toBe("Enter the date the accreditation expires, such as 31 3 2028");
    expect(typedInto(html, "price")).toBe("seventy");
    expect(typedInto(html, "registrationNumber")).toBe("EX-CBT-0099");
  });

  it("an expired provider cannot be chosen for a new plan item, and the action refuses it by the field", async () => {
    const added = await morgan.post("/scheme/providers/new", { ...PROVIDER, ...dateBoxes(inDays(365)) });
    expect(added.status).toBe(302);
    const row = (await db.get<{ record: string }>("select record from menu_changes order by seq desc limit 1"))!;
    const stored = providerSchema.parse(JSON.parse(row.record));
    expect(stored.pricePerSessionPence).toBe(7250);
    expect(await text(await morgan.get("/scheme/providers"))).toContain("£72.50");
    const itemPage = `/people/${personId}/plan/items/new/cognitive-behavioural-therapy`;
    expect(await text(await person.get(itemPage))).toContain('value="integration-talking-therapy"');

    const expired = await morgan.post(`/scheme/providers/${stored.id}`, {
      ...PROVIDER,
      ...dateBoxes(inDays(-2)),
      reason: "Accreditation lapsed",
    });
    expect(expired.status).toBe(302);
    expect(await text(await morgan.get("/scheme/providers"))).toContain("Accreditation ended");
    expect(await text(await person.get(itemPage))).not.toContain('value="integration-talking-therapy"');
    const refused = await person.post(
      `/people/${personId}/plan/items`,
      {
        intent: "add",
        what: "Talking therapy",
        menuEntryId: "cognitive-behavioural-therapy",
        providerId: "integration-talking-therapy",
        frequency: "Weekly",
        unitsPerYear: "12",
      },
      { from: itemPage },
    );
    expect(refused.status).toBe(400);
    expect(errorBy(await text(refused), "providerId")).toMatch(
      /^Integration Talking Therapy's accreditation ended on .*: choose another accredited provider\.$/,
    );
    // The public menu no longer lists it; its change is in the public log.
    const menu = await text(await new Browserish().get("/menu"));
    expect(menu).toMatch(/the accredited provider “Integration Talking Therapy” was changed \(accreditation expiry\)/);
  });
});

describe("questioning a rule", () => {
  const question = (who: Browserish, fields: Record<string, string>) =>
    who.post("/menu/gym-membership/question", fields);

  it("refuses an empty, too long or badly addressed question by its box, keeping what was typed", async () => {
    const anyone = new Browserish();
    const empty = await question(anyone, { message: " ", replyEmail: "reply@example.org" });
    expect(empty.status).toBe(400);
    const html = await text(empty);
    expect(errorBy(html, "message")).toBe("Write your question");
    expect(typedInto(html, "replyEmail")).toBe("reply@example.org");
    const badEmail = await text(await question(anyone, { message: "Why?", replyEmail: "not an email" }));
    expect(errorBy(badEmail, "replyEmail")).toBe("Enter an email address like name@example.org, or leave it blank");
    const long = await text(await question(anyone, { message: "x".repeat(2001) }));
    expect(errorBy(long, "message")).toBe("This is too long: use 2000 characters or fewer");
  });

  it("someone not signed in asks with an email; the commissioner replies; the reply goes out by email; both stay", async () => {
    const anyone = new Browserish();
    const asked = await question(anyone, {
      message: "Why can a gym be paid for but not a swimming costume?",
      replyEmail: "asker@example.org",
    });
    expect(asked.status).toBe(302);
    const sentTo = asked.headers.get("location")!;
    expect(sentTo).toBe("/menu/gym-membership/question?sent");
    expect(await text(await anyone.get(sentTo))).toContain("your question has been sent to the commissioners");

    // Only commissioners reach the inbox, which never shows the email given.
    const jo = await signIn(DEMO.jo);
    expect((await jo.get("/scheme/questions")).status).toBe(404);
    const inbox = await text(await morgan.get("/scheme/questions"));
    expect(inbox).not.toContain("asker@example.org");
    const id = questionIdFor(inbox, "Why can a gym be paid for but not a swimming costume?")!;
    const page = await text(await morgan.get(`/scheme/questions/${id}`));
    expect(page).toContain("Why can a gym be paid for but not a swimming costume?");
    expect(page).toContain("your reply will be sent there");
    const noReply = await morgan.post(`/scheme/questions/${id}`, { reply: "" });
    expect(noReply.status).toBe(400);
    expect(errorBy(await text(noReply), "reply")).toBe("Write a reply");
    const replied = await morgan.post(`/scheme/questions/${id}`, {
      reply: "Equipment to stay well covers a swimming costume: see that entry.",
    });
    expect(replied.status).toBe(302);
    const mail = await db.all<{ body: string }>("select body from outbox where to_email = ?", "asker@example.org");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain("Equipment to stay well covers a swimming costume");
    // One reply, kept as written; the records cannot be changed or removed.
    const again = await morgan.post(`/scheme/questions/${id}`, { reply: "Something else" });
    expect(again.status).toBe(400);
    expect(await text(again)).toContain("This question already has a reply");
    // The triggers refuse on both engines, each in its own words, both saying "append-only".
    const writable = await openTestDatabase({ writable: true });
    try {
      await expect(writable.run("update menu_questions set message = 'x' where id = ?", id)).rejects.toThrow(
        /append-only/,
      );
      await expect(writable.run("delete from menu_question_replies where question_id = ?", id)).rejects.toThrow(
        /append-only/,
      );
      expect(await writable.get("select message from menu_questions where id = ?", id)).toEqual({
        message: "Why can a gym be paid for but not a swimming costume?",
      });
      expect(await writable.get("select count(*) as n from menu_question_replies where question_id = ?", id)).toEqual({
        n: 1,
      });
    } finally {
      await writable.close();
    }
  });

  it("a signed-in person's reply arrives on their notifications and their question page; throttled after five an hour", async () => {
    const asked = await question(person, { message: "Does a gym count if it is in another town?" });
    expect(asked.status).toBe(302);
    const inbox = await text(await morgan.get("/scheme/questions"));
    const id = questionIdFor(inbox, "Does a gym count if it is in another town?")!;
    expect(await text(await morgan.get(`/scheme/questions/${id}`))).toContain(
      "Does a gym count if it is in another town?",
    );
    expect((await morgan.post(`/scheme/questions/${id}`, { reply: "Yes, anywhere you can get to." })).status).toBe(302);
    expect(await text(await person.get("/notifications"))).toContain(
      "The commissioners have replied to your question about “Gym membership”.",
    );
    expect(await text(await person.get("/menu/gym-membership/question"))).toContain("Yes, anywhere you can get to.");

    for (let i = 2; i <= 5; i++) expect((await question(person, { message: `Question ${i}` })).status).toBe(302);
    const sixth = await question(person, { message: "Question 6" });
    expect(sixth.status).toBe(429);
    const html = await text(sixth);
    expect(errorBy(html, "message")).toBe("You have sent several questions in the last hour. Please try again later.");
    expect(typedInto(html, "message")).toBe("Question 6");
  });
});
