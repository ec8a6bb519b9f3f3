import { redirect } from "react-router";
import { content } from "~/content/content.server";
import { findEntry, isAccredited, MENU_KINDS, type MenuKind } from "~/domain/menu";
import type { Item } from "~/domain/plan";
import { planItemFrom } from "~/domain/plan-items";
import type { Language } from "~/domain/languages";
import { chooseItemKindSchema, itemFormSchema } from "~/forms/plan";
import { formatDate, formatMoney } from "~/lib/format";
import { errorWith } from "~/lib/form-messages";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { audit } from "~/models/audit.server";
import { menuInForce, providersInForce } from "~/models/menu.server";
import { todayInUk } from "~/models/rule-sets.server";
import { requireRecordAccess } from "~/server/access.server";
import { planListAction } from "./list-action.server";

type Args = Parameters<typeof planListAction>[0];

/** Adding or changing an item (and removing one): checked against the menu in force, whichever page sent it. */
export function itemsAction(args: Args) {
  const lang = languageOf(args.context);
  return planListAction(args, "items", "items", itemFormSchema, async (data, { id, plan, access }) => {
    // Checked against the menu in force: the item records that version (a retired entry is refused).
    const providers = await providersInForce();
    // A provider whose accreditation has ended cannot be chosen for a new item (an item saved with it
    // before may keep it when other details change).
    const provider = providers.providers.find((p) => p.id === data.providerId);
    const kept =
      data.intent === "change" &&
      plan.items.some((i) => i.id === id && i.kind === "controlled-treatment" && i.providerId === data.providerId);
    if (provider && !isAccredited(provider, todayInUk()) && !kept) {
      await audit({
        actorId: access.actor.id,
        personId: access.person.id,
        action: "add-plan-item",
        result: "refused",
        detail: { menuEntryId: data.menuEntryId, reason: "provider-accreditation-ended", providerId: provider.id },
      });
      return {
        errors: {
          providerId: errorWith("plan:errors.providerAccreditationEnded", {
            name: provider.name,
            date: formatDate(provider.accreditationExpires, lang),
          }),
        },
      };
    }
    const built = planItemFrom(await menuInForce(), providers, {
      id,
      what: data.what,
      menuEntryId: data.menuEntryId,
      somethingElse: data.somethingElse,
      provider: data.provider,
      providerId: data.providerId,
      frequency: data.frequency,
      unitCostPence: data.unitCost ?? 0,
      unitsPerYear: data.unitsPerYear,
      outcomeIds: data.outcomeIds.filter((outcomeId) => plan.outcomes.some((o) => o.id === outcomeId)),
    });
    if (!built.ok) {
      await audit({
        actorId: access.actor.id,
        personId: access.person.id,
        action: "add-plan-item",
        result: "refused",
        detail: { menuEntryId: data.menuEntryId, reason: built.refusal.key },
      });
      return {
        errors: {
          [built.refusal.field]: built.refusal.params
            ? errorWith(built.refusal.key, built.refusal.params)
            : built.refusal.key,
        },
      };
    }
    const done =
      built.flagged.length > 0
        ? "flagged"
        : built.item.kind === "co-designed" || built.item.kind === "something-else"
          ? "needsAgreement"
          : "added";
    return { entry: built.item, done };
  });
}

/** Step one: the kind of thing chosen, on to the questions that kind needs (its id is in the address, nothing else). */
export async function chooseKindAction(args: Args, formData: FormData) {
  const access = await requireRecordAccess(args.context, args.request, args.params.personId, "edit-draft");
  const form = parseFormValues(formData, chooseItemKindSchema);
  if (!form.ok) return replyWithErrors(form);
  const chosen = form.data.menuEntryId;
  const entry = chosen === "something-else" ? null : findEntry(await menuInForce(), chosen);
  if (chosen !== "something-else" && (!entry || entry.kind === "absolute-exclusion"))
    return replyWithErrors(fieldErrors(form.values, { menuEntryId: "plan:errors.kindRequired" }));
  return redirect(`/people/${access.person.id}/plan/items/new/${encodeURIComponent(chosen)}`);
}

/** The kinds a person can choose from, grouped by kind in the menu's order, then "something else". */
export async function kindChoices(lang: Language) {
  const { menu } = content();
  const entries = (await menuInForce()).entries.filter((e) => e.kind !== "absolute-exclusion");
  const rank = (kind: MenuKind) => MENU_KINDS.indexOf(kind);
  return [
    ...[...entries]
      .sort((a, b) => rank(a.kind) - rank(b.kind))
      .map((e) => ({
        value: e.id,
        label: e.title[lang],
        hint: menu.kinds[e.kind]?.name[lang],
        kind: e.kind as string,
      })),
    { value: "something-else", label: "", hint: undefined, kind: "something-else" },
  ];
}

/**
 * The questions one kind of thing needs: an accredited provider (whose price is used) only for a
 * controlled treatment; words describing it only for something else; a cost for everything else.
 * Undefined when the entry is not one a person can choose.
 */
export async function itemQuestions(entryId: string, lang: Language) {
  const { menu } = content();
  if (entryId === "something-else") return { entryId, kind: "something-else" as const, title: "", providers: [] };
  const entry = findEntry(await menuInForce(), entryId);
  if (!entry || entry.kind === "absolute-exclusion") return undefined;
  return {
    entryId,
    kind: entry.kind,
    title: entry.title[lang],
    kindName: menu.kinds[entry.kind]?.name[lang],
    providers: entry.kind === "controlled-treatment" ? await providerChoices(lang) : [],
  };
}

/** The providers whose accreditation holds today, as choices: name, price per session and registration number. */
export async function providerChoices(lang: Language) {
  const today = todayInUk();
  return (await providersInForce()).providers
    .filter((p) => isAccredited(p, today))
    .map((p) => ({
      value: p.id,
      label: `${p.name} · ${formatMoney(p.pricePerSessionPence, lang)} · ${p.registrationNumber}`,
    }));
}

/** A saved item as the change form's answers. */
export function itemAnswers(item: Item): Record<string, string | string[]> {
  return {
    what: item.what,
    somethingElse: item.kind === "something-else" ? (item.somethingElse ?? "") : "",
    provider: item.provider,
    providerId: item.kind === "controlled-treatment" ? (item.providerId ?? "") : "",
    frequency: item.frequency,
    unitCost: item.kind === "controlled-treatment" ? "" : (item.unitCostPence / 100).toFixed(2),
    unitsPerYear: String(item.unitsPerYear),
    outcomeIds: item.outcomeIds,
  };
}
