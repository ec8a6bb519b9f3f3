import { describe, expect, it } from "vitest";
import { emptyPlan, partStatuses } from "~/domain/plan";

describe("each part's status on the plan's task list", () => {
  it("is not started while empty, done once filled, in progress while the plan check still points at it", () => {
    const plan = emptyPlan();
    plan.outcomes.push({ id: "o1", words: "Sleep better", lifeAreaId: "feeling-well", now: 3, hope: 7 });
    plan.risks.push({ id: "r1", risk: "Stopping going out", howManaged: "A neighbour knocks" });
    const statuses = partStatuses(plan, ["risks", "items"]);
    expect(statuses.outcomes).toBe("done");
    expect(statuses.risks).toBe("in-progress");
    // Pointed at but empty: nothing has been started there yet.
    expect(statuses.items).toBe("not-started");
    expect(statuses.crisis).toBe("not-started");
  });
});
