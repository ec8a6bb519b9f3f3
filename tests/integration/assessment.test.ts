import { beforeAll, describe, expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { chooseTeamAndLink, DEMO, recordLinks, signIn, signUp } from "../support/accounts";
import { Browserish } from "../support/http";

let person: Browserish;
let personId: string;

beforeAll(async () => {
  person = new Browserish();
  await signUp(person, {
    name: "Quinn Assessed",
    email: "quinn@example.org",
    password: "quinn's long pass phrase",
  });
  personId = (await recordLinks(person))[0]!;
});

// mood 3, experiences 2, keeping-safe 2, physical 1, daily-living 2, relationships 3, the rest 0.
const ANSWERS: Record<string, string> = {
  mood: "3",
  experiences: "2",
  "keeping-safe": "2",
  physical: "1",
  "daily-living": "2",
  relationships: "3",
};

describe("self-assessment and the indicative budget", () => {
  it("refuses a question answered with nothing, says why by the field, and saves nothing", async () => {
    const res = await person.post(`/people/${personId}/assessment/mood`, {});
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain("Choose the answer that fits best");
    const overview = await (await person.get(`/people/${personId}/assessment`)).text();
    expect(overview).not.toContain("3 of 4");
  });

  it("saves each answer as the person goes and moves to the next question", async () => {
    const res = await person.post(`/people/${personId}/assessment/mood`, { rating: ANSWERS.mood! });
    expect(res.headers.get("location")).toBe(`/people/${personId}/assessment/experiences`);
    for (const key of NEED_AREA_KEYS.slice(1)) {
      const answer = key === "housing" ? "rather-not-say" : (ANSWERS[key] ?? "0");
      expect((await person.post(`/people/${personId}/assessment/${key}`, { rating: answer })).status).toBe(302);
    }
    const page = await (await person.get(`/people/${personId}/assessment/mood`)).text();
    expect(page).toMatch(/value="3" checked=""|checked="" value="3"/);
  });

  it("asks about family and friends, then shows every answer to check", async () => {
    const res = await person.post(`/people/${personId}/assessment/informal`, { informal: "a-little" });
    expect(res.headers.get("location")).toBe(`/people/${personId}/assessment/check`);
    const check = await (await person.get(`/people/${personId}/assessment/check`)).text();
    expect(check).toContain("Check your answers");
    expect(check).toContain("I&#x27;d rather not say");
    expect(check).toContain("Work out my budget");
  });

  it("works out the budget and shows the amount, the parts and every step", async () => {
    const res = await person.post(`/people/${personId}/assessment/check`, { intent: "calculate" });
    expect(res.headers.get("location")).toBe(`/people/${personId}/budget`);
    const html = await (await person.get(`/people/${personId}/budget`)).text();
    // Points: 3×3 + 3×2 + 3×2 + 2×1 + 2×2 + 1×3 = 9+6+6+2+4+3 = 30.
    // NHS points: 7.2 + 5.4 + 4.8 + 1 + 0.8 + 0.9 = 20.1 → 20.1 × £300 = £6,030.
    // Council: 9.9 × £300 = £2,970 × 95% = £2,821.50 → £2,820. Total £8,850; weekly £170.19.
    expect(html).toContain("£8,850");
    expect(html).toContain("£6,030");
    expect(html).toContain("£2,820");
    expect(html).toContain("£170.19 a week");
    expect(html).toContain("Mood and emotional wellbeing: rated 3 × weight 3 = 9 points");
    expect(html).toContain("30 points × £300 = £9,000");
    expect(html).toContain("Council part × 95% because family and friends give a little support");
    expect(html).toContain("Example rule set 2026");
  });

  it("the lead professional agrees a different rating with a reason; the person sees both", async () => {
    const jo = await signIn(DEMO.jo);
    await chooseTeamAndLink(person, personId, "Quinn Assessed", jo, "Jo Ahmed");
    const missingReason = await jo.post(`/people/${personId}/assessment/agree`, { needArea: "mood", rating: "4" });
    expect(missingReason.status).toBe(400);
    const kept = await missingReason.text();
    expect(kept).toContain("Say why, in plain words the person will read");
    expect(kept).toMatch(/value="mood" checked=""|checked="" value="mood"/);
    const agreed = await jo.post(`/people/${personId}/assessment/agree`, {
      needArea: "mood",
      rating: "4",
      reason: "Over the last month things have been harder than the form shows.",
    });
    expect(agreed.headers.get("location")).toBe(`/people/${personId}/budget`);

    const html = await (await person.get(`/people/${personId}/budget`)).text();
    expect(html).toContain("With ratings agreed with your lead professional");
    expect(html).toContain("From your own answers");
    expect(html).toContain("Over the last month things have been harder than the form shows.");
    expect(html).toContain("£8,850"); // the person's own result stays
    // Mood 4: 33 points; NHS 22.5 → £6,750; council 10.5 × 300 × 95% = £2,992.50 → £2,990; total £9,740.
    expect(html).toContain("£9,740");
  });

  it("another lead professional cannot agree ratings for this person", async () => {
    const chris = await signIn(DEMO.chris);
    expect((await chris.get(`/people/${personId}/assessment/agree`)).status).toBe(404);
    const res = await chris.post(
      `/people/${personId}/assessment/agree`,
      { needArea: "mood", rating: "0", reason: "x" },
      { from: "/sign-out" },
    );
    expect(res.status).toBe(404);
  });
});
