import { classifyPlanItem, findEntry, type MenuFile, type ProvidersFile } from "./menu";
import { itemSchema, type Item } from "./plan";

/** What a person asks to add: a menu entry (or "something else" with words) and the practical details. */
export interface ItemRequest {
  id: string;
  what: string;
  menuEntryId: string | "something-else";
  somethingElse?: string;
  provider?: string;
  providerId?: string;
  frequency: string;
  unitCostPence: number;
  unitsPerYear: number;
  outcomeIds: string[];
}

export type ItemRefusal = { field: string; key: string; params?: Record<string, string> };

/**
 * Turns a request into a plan item by the menu's rules, whatever the form, fetcher or hand-made
 * request sent. The kind comes from the menu, never from the request. An exclusion is never saved
 * as funded; a controlled treatment is never saved without an accredited provider, whose price it
 * takes; free text that may match an exclusion is kept and flagged for the lead professional.
 */
export function planItemFrom(
  menu: MenuFile,
  providers: ProvidersFile,
  request: ItemRequest,
): { ok: true; item: Item; flagged: string[] } | { ok: false; refusal: ItemRefusal } {
  const somethingElse = request.menuEntryId === "something-else";
  const decision = classifyPlanItem(menu, providers, {
    menuEntryId: somethingElse ? undefined : request.menuEntryId,
    providerId: request.providerId,
    somethingElse: somethingElse ? request.somethingElse : undefined,
  });
  const base = {
    id: request.id,
    what: request.what,
    outcomeIds: request.outcomeIds,
    frequency: request.frequency,
    unitsPerYear: request.unitsPerYear,
    menuVersion: decision.menuVersion,
  };
  let candidate: Record<string, unknown>;
  let flagged: string[] = [];
  switch (decision.outcome) {
    case "refuse":
      return {
        ok: false,
        refusal: { field: "menuEntryId", key: "plan:items.refused", params: { entryId: decision.entryId } },
      };
    case "unknown-entry":
      return {
        ok: false,
        refusal: {
          field: somethingElse ? "somethingElse" : "menuEntryId",
          key: somethingElse ? "plan:errors.somethingElseRequired" : "menu:check.unknownEntry",
        },
      };
    case "needs-provider":
      return { ok: false, refusal: { field: "providerId", key: "plan:errors.accreditedProviderRequired" } };
    case "allow-controlled":
      candidate = {
        ...base,
        kind: "controlled-treatment",
        menuEntryId: decision.entryId,
        providerId: decision.provider.id,
        provider: decision.provider.name,
        unitCostPence: decision.provider.pricePerSessionPence,
      };
      break;
    case "needs-agreement":
    case "allow": {
      const entry = findEntry(menu, decision.entryId)!;
      candidate = {
        ...base,
        kind: entry.kind,
        menuEntryId: entry.id,
        provider: request.provider ?? "",
        unitCostPence: request.unitCostPence,
      };
      break;
    }
    case "flag":
      flagged = [...new Set(decision.matches.map((m) => m.entryId))];
      candidate = {
        ...base,
        kind: "something-else",
        somethingElse: request.somethingElse,
        provider: request.provider ?? "",
        unitCostPence: request.unitCostPence,
        flaggedEntryIds: flagged,
      };
      break;
    case "allow-something-else":
      candidate = {
        ...base,
        kind: "something-else",
        somethingElse: request.somethingElse,
        provider: request.provider ?? "",
        unitCostPence: request.unitCostPence,
      };
      break;
  }
  const parsed = itemSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, refusal: { field: String(issue.path[0] ?? "_form"), key: `plan:${issue.message}` } };
  }
  return { ok: true, item: parsed.data, flagged };
}
