import { beforeAll, describe, expect, it } from "vitest";
import { recordLinks, signUp } from "../support/accounts";
import { Browserish } from "../support/http";

let person: Browserish;
let personId: string;

const item = (fields: Record<string, string | string[]>) => ({
  intent: "add",
  what: "Something that helps",
  frequency: "Every week",
  unitCost: "10",
  unitsPerYear: "12",
  provider: "Someone",
  ...fields,
});

async function itemsPage() {
  return (await person.get(`/people/${personId}/plan/items`)).text();
}

beforeAll(async () => {
  person = new Browserish();
  await signUp(person, {
    name: "Robin Planner",
    email: "robin.planner@example.org",
    password: "robin plans a long phrase",
  });
  personId = (await recordLinks(person))[0]!;
});

describe("the menu's rules, enforced whatever the request", () => {
  it("refuses an excluded item sent by hand, with a clear error, and saves nothing", async () => {
    for (const entry of ["alcohol", "gambling", "repaying-debts", "tobacco-and-vaping"]) {
      const res = await person.post(
        `/people/${personId}/plan/items`,
        item({ what: `Try ${entry}`, menuEntryId: entry }),
      );
      expect(res.status, entry).toBe(400);
      const html = await res.text();
      expect(html).toContain("The budget can&#x27;t pay for this");
      expect(html).toContain(`value="Try ${entry}"`); // what was typed comes back
    }
    expect(await itemsPage()).toContain("Nothing yet.");
  });

  it("refuses a controlled treatment without an accredited provider, or with a provider of another treatment", async () => {
    const none = await person.post(
      `/people/${personId}/plan/items`,
      item({ what: "CBT sessions", menuEntryId: "cognitive-behavioural-therapy" }),
    );
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Please choose an accredited provider");
    const wrong = await person.post(
      `/people/${personId}/plan/items`,
      item({
        what: "CBT sessions",
        menuEntryId: "cognitive-behavioural-therapy",
        providerId: "example-dbt-collective",
      }),
    );
    expect(wrong.status).toBe(400);
    expect(await itemsPage()).toContain("Nothing yet.");
  });

  it("saves a controlled treatment with an accredited provider at the provider's price, whatever price was sent", async () => {
    const res = await person.post(
      `/people/${personId}/plan/items`,
      item({
        what: "CBT sessions",
        menuEntryId: "cognitive-behavioural-therapy",
        providerId: "sample-street-cbt",
        unitCost: "1",
        unitsPerYear: "10",
      }),
    );
    expect(res.status).toBe(302);
    const html = await itemsPage();
    expect(html).toContain("CBT sessions");
    expect(html).toContain("£700 a year"); // £70 a session from the provider × 10
    expect(html).not.toMatch(/£10 a year/);
  });

  it("allows citizen-led support as it is, and marks co-designed support for agreement", async () => {
    const gym = await person.post(
      `/people/${personId}/plan/items`,
      item({ what: "Gym", menuEntryId: "gym-membership", unitCost: "25", unitsPerYear: "12" }),
    );
    expect(gym.headers.get("location")).toMatch(/done=added$/);
    const pa = await person.post(
      `/people/${personId}/plan/items`,
      item({ what: "A personal assistant", menuEntryId: "personal-assistant" }),
    );
    expect(pa.headers.get("location")).toMatch(/done=needsAgreement$/);
    expect(await itemsPage()).toContain("£300 a year");
  });

  it("keeps free text that may be an exclusion, flagged gently, never dropped", async () => {
    const res = await person.post(
      `/people/${personId}/plan/items`,
      item({
        what: "Saturday afternoons",
        menuEntryId: "something-else",
        somethingElse: "betting on the horses with my brother",
      }),
    );
    expect(res.headers.get("location")).toMatch(/done=flagged$/);
    const html = await itemsPage();
    expect(html).toContain("Saturday afternoons");
    expect(html).toContain("sounds like it might be something the budget can&#x27;t pay for");
    const innocent = await person.post(
      `/people/${personId}/plan/items`,
      item({ what: "Club", menuEntryId: "something-else", somethingElse: "scrabble club and a bus pass" }),
    );
    expect(innocent.headers.get("location")).toMatch(/done=needsAgreement$/);
  });

  it("refuses a forged kind, status or person field", async () => {
    const res = await person.post(
      `/people/${personId}/plan/items`,
      item({ menuEntryId: "gym-membership", kind: "citizen-led" }),
    );
    expect(res.status).toBe(400);
    const res2 = await person.post(
      `/people/${personId}/plan/items`,
      item({ menuEntryId: "gym-membership", personId: "someone-else" }),
    );
    expect(res2.status).toBe(400);
  });

  it("the plan page shows the budget in view and the plan check by criterion", async () => {
    const html = await (await person.get(`/people/${personId}/plan`)).text();
    expect(html).toContain("Plan check");
    expect(html).toContain("What I want to achieve");
    expect(html).toContain("Not yet");
    expect(html).toContain("No budget has been worked out yet.");
  });
});
