import { describe, expect, it } from "vitest";
import { describeSave, partWords, whoSentence } from "~/domain/history-words";

const outcome = (id: string, words: string, now = 3) => ({ id, words, lifeAreaId: "feeling-well", now, hope: 7 });

describe("what one save changed, in plain words", () => {
  it("a list entry added, removed or changed is named by its own words, with the details that changed", () => {
    const before = [outcome("a", "Sleep better"), outcome("b", "See friends")];
    const after = [outcome("a", "Sleep better", 5), outcome("c", "Cook on Sundays")];
    expect(describeSave("outcomes", before, after)).toEqual([
      { op: "changed", words: "Sleep better", fields: ["now"] },
      { op: "added", words: "Cook on Sundays" },
      { op: "removed", words: "See friends" },
    ]);
  });

  it("texts, contacts and choices in one-form parts; nothing for what did not change", () => {
    const crisis = { earlySigns: "I stop eating", whatHelps: "", contacts: [], doNotWant: "", preferredPlace: "" };
    expect(
      describeSave("crisis", crisis, {
        ...crisis,
        earlySigns: "",
        whatHelps: "Quiet music",
        contacts: [{ name: "Dev", howToReach: "07000 000000" }],
      }),
    ).toEqual([
      { op: "text", field: "earlySigns", words: "" },
      { op: "text", field: "whatHelps", words: "Quiet music" },
      { op: "added", words: "Dev: 07000 000000" },
    ]);
    const decisions = { whoDecidesWhat: "I do", management: null, managementDetails: {} };
    expect(
      describeSave("decisions", decisions, {
        ...decisions,
        management: "indirect-payment",
        managementDetails: { representative: "My sister" },
        ifUnwell: { whatChanges: "She holds the card", whoMaySwitchOn: "She", howSwitchedBack: "When I say" },
      }),
    ).toEqual([
      { op: "choice", field: "management", choice: "indirect-payment" },
      { op: "text", field: "representative", words: "My sister" },
      { op: "text", field: "unwellWhatChanges", words: "She holds the card" },
      { op: "text", field: "unwellWhoMaySwitchOn", words: "She" },
      { op: "text", field: "unwellHowSwitchedBack", words: "When I say" },
    ]);
    expect(describeSave("decisions", decisions, decisions)).toEqual([]);
    expect(describeSave("submitReason", "Same words", "Same words")).toEqual([]);
    expect(describeSave("overBudgetReason", undefined, "The PA costs more here")).toEqual([
      { op: "text", field: "overBudgetReason", words: "The PA costs more here" },
    ]);
  });

  it("a move of money, then the lead professional's decision on it", () => {
    const move = {
      id: "m1",
      at: "2027-01-10T10:00:00.000Z",
      by: "u1",
      fromItemId: "i1",
      toItemId: "i2",
      fromWhat: "Gym",
      toWhat: "Swimming",
      amountPence: 12_000,
      applied: false,
      reasons: ["change.tooMuchMoved"],
    };
    expect(describeSave("changes", [], [move])).toEqual([
      { op: "moved", amountPence: 12_000, from: "Gym", to: "Swimming" },
    ]);
    const decided = { ...move, decision: { outcome: "not-agreed", reason: "Talk first", by: "jo", at: "2027-01-11" } };
    expect(describeSave("changes", [move], [decided])).toEqual([
      { op: "decided", agreed: false, from: "Gym", to: "Swimming", reason: "Talk first" },
    ]);
  });

  it("unreadable content gives no lines; a carried-forward part is named by its words", () => {
    expect(describeSave("outcomes", "not a list", { nor: "this" })).toEqual([]);
    expect(partWords("outcomes", [outcome("a", "Sleep better"), outcome("b", "See friends")])).toEqual([
      "Sleep better",
      "See friends",
    ]);
  });
});

describe("who saved, in what capacity", () => {
  it("the person; a representative acting for them; helpers; a professional's own step; a new cycle", () => {
    expect(whoSentence("self", true)).toBe("self");
    expect(whoSentence("acting-for", false)).toBe("acting-for");
    expect(whoSentence("peer-broker", false)).toBe("peer-broker");
    expect(whoSentence("supporting", false)).toBe("supporting");
    expect(whoSentence("lead-professional", false)).toBe("lead-professional");
    expect(whoSentence("carried-forward", false)).toBe("carried-forward");
    // Saves from before capacities were recorded: the person, or someone helping.
    expect(whoSentence(null, true)).toBe("self");
    expect(whoSentence(null, false)).toBe("helping");
  });
});
