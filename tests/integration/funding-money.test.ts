import { expect, it } from "vitest";
import { NEED_AREA_KEYS } from "~/domain/choices";
import { chooseTeamAndLink, DEMO, DEMO_PASSWORD, recordLinks, signIn, signUp } from "../support/accounts";
import { Browserish } from "../support/http";

/**
 * Money from a small grant: what is left is read and a payment written in one transaction, so payments
 * sent at the same moment never together spend more than was granted (a guard for the asynchronous
 * data layer to come, where another request can run between the read and the write).
 */
it("five payments of £30 sent at once from a grant of £100: three are recorded, two refused, £10 left", async () => {
  const person = new Browserish();
  expect(
    (await signUp(person, { name: "Cas Concurrent", email: "cas.concurrent@example.org", password: DEMO_PASSWORD }))
      .status,
  ).toBe(302);
  const id = (await recordLinks(person))[0]!;
  const jo = await signIn(DEMO.jo);
  await chooseTeamAndLink(person, id, "Cas Concurrent", jo, "Jo Ahmed");
  for (const key of NEED_AREA_KEYS)
    await person.post(`/people/${id}/assessment/${key}`, { rating: key === "mood" ? "1" : "0" });
  await person.post(`/people/${id}/assessment/informal`, { informal: "a-little" });
  expect((await person.post(`/people/${id}/assessment/check`, { intent: "calculate" })).status).toBe(302);
  const applied = await person.post(`/people/${id}/grants/apply`, {
    purpose: "A pottery course",
    howItHelps: "To meet people",
    amount: "100",
  });
  expect(applied.status).toBe(302);
  const grantPath = applied.headers.get("location")!.split("?")[0]!;
  expect(grantPath).toMatch(/\/grants\/[0-9a-f-]{36}$/);
  const decided = await jo.post(grantPath, {
    intent: "decide",
    decision: "grant",
    grantedAmount: "100",
    reason: "A good plan",
  });
  expect(decided.status).toBe(302);

  const today = new Date().toISOString().slice(0, 10);
  const csrf = await person.csrfFrom(grantPath);
  const answers = await Promise.all(
    Array.from({ length: 5 }, (_, n) =>
      person.post(grantPath, { intent: "spend", spentOn: today, amount: "30", what: `Session ${n + 1}` }, { csrf }),
    ),
  );
  expect(answers.map((a) => a.status).sort()).toEqual([302, 302, 302, 409, 409]);
  const page = await (await person.get(grantPath)).text();
  expect(page).toContain("£10");
});
