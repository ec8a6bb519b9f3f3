import { expect } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { CRITERIA } from "~/domain/plan-criteria";
import { chooseTeamAndLink, DEMO, DEMO_PASSWORD, recordLinks, signIn, signUp } from "./accounts";
import { Browserish } from "./http";

export const GYM = "Swimming and the gym";
export const PA = "Someone to come with me to appointments";
export const WHAT_HELPS = "A few nights at the crisis house, and extra support hours";

export interface SignedOff {
  person: Browserish;
  personId: string;
  jo: Browserish;
  items: { gym: string; pa: string };
}

/**
 * A new person, linked to Jo, with a budget and a plan of two items (the gym at £25 a month, and a
 * personal assistant at £15 for 80 hours, which Jo agrees item by item), managed as `management`, and
 * sent to Jo: through the real pages, as people would.
 */
export async function sentPlanPerson(
  name: string,
  email: string,
  management = "direct-payment",
): Promise<Omit<SignedOff, "items">> {
  const person = new Browserish();
  // The demo password, so a browser window can sign in as this person too.
  expect((await signUp(person, { name, email, password: DEMO_PASSWORD })).status).toBe(302);
  const personId = (await recordLinks(person))[0]!;
  const jo = await signIn(DEMO.jo);
  await chooseTeamAndLink(person, personId, name, jo, "Jo Ahmed");
  for (const key of NEED_AREA_KEYS)
    expect(
      (await person.post(`/people/${personId}/assessment/${key}`, { rating: key === "mood" ? "3" : "1" })).status,
    ).toBe(302);
  await person.post(`/people/${personId}/assessment/informal`, { informal: "a-little" });
  expect((await person.post(`/people/${personId}/assessment/check`, { intent: "calculate" })).status).toBe(302);
  expect(
    (
      await person.post(`/people/${personId}/plan/outcomes`, {
        intent: "add",
        words: "Feel steady enough to go out most days",
        lifeAreaId: "feeling-well",
        now: "3",
        hope: "7",
      })
    ).status,
  ).toBe(302);
  const outcomeId = /name="outcomeIds" value="([0-9a-f-]{36})"/.exec(
    await (await person.get(`/people/${personId}/plan/items/new/gym-membership`)).text(),
  )?.[1];
  const item = (what: string, menuEntryId: string, unitCost: string, unitsPerYear: string) =>
    person.post(`/people/${personId}/plan/items`, {
      intent: "add",
      what,
      menuEntryId,
      unitCost,
      unitsPerYear,
      frequency: "Regularly",
      provider: what === GYM ? "Riverside Leisure" : "Helping Hands Agency",
      outcomeIds: outcomeId!,
    });
  expect((await item(GYM, "gym-membership", "25", "12")).status).toBe(302);
  expect((await item(PA, "personal-assistant", "15", "80")).status).toBe(302);
  const decisionsPage = await (await person.get(`/people/${personId}/plan/decisions`)).text();
  const version = /name="version" value="(\d+)"/.exec(decisionsPage)?.[1] ?? "0";
  const details: Record<string, string> =
    management === "individual-service-fund"
      ? { organisation: "Example Support Service" }
      : management === "professionally-managed"
        ? { managedBy: "The community team" }
        : {};
  expect(
    (
      await person.post(`/people/${personId}/plan/decisions`, {
        intent: "save",
        version,
        whoDecidesWhat: "I decide, with my sister's help",
        management,
        ...details,
      })
    ).status,
  ).toBe(302);
  const crisisPage = await (await person.get(`/people/${personId}/plan/crisis`)).text();
  const crisisVersion = /name="version" value="(\d+)"/.exec(crisisPage)?.[1] ?? "0";
  expect(
    (
      await person.post(`/people/${personId}/plan/crisis`, {
        intent: "save",
        version: crisisVersion,
        whatHelps: WHAT_HELPS,
      })
    ).status,
  ).toBe(302);
  expect(
    (
      await person.post(`/people/${personId}/plan/submit`, {
        version: "0",
        consent: "on",
        reason: "The rest is coming with my broker.",
      })
    ).status,
  ).toBe(302);
  return { person, personId, jo };
}

/** As sentPlanPerson, and signed off by Jo. */
export async function signedOffPerson(name: string, email: string, management = "direct-payment"): Promise<SignedOff> {
  const { person, personId, jo } = await sentPlanPerson(name, email, management);
  const review = await (await jo.get(`/people/${personId}/plan/review`)).text();
  const submissionId = /name="submissionId" value="([0-9a-f-]{36})"/.exec(review)?.[1];
  const fields: Record<string, string> = {
    submissionId: submissionId!,
    decision: "sign-off",
    reviewDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    "items.0.agreement": "agree",
  };
  for (const c of CRITERIA) fields[`criteria.${c}.met`] = "met";
  const decided = await jo.post(`/people/${personId}/plan/review`, fields);
  expect(
    decided.status,
    await decided
      .clone()
      .text()
      .then((t) => t.slice(0, 0)),
  ).toBe(302);
  const money = await (await person.get(`/people/${personId}/spending`)).text();
  const ids = [...money.matchAll(/data-item="([0-9a-f-]{36})"><th scope="row">([^<]+)</g)];
  const idOf = (what: string) => ids.find((m) => m[2] === what)?.[1];
  expect(idOf(GYM) && idOf(PA)).toBeTruthy();
  return { person, personId, jo, items: { gym: idOf(GYM)!, pa: idOf(PA)! } };
}
