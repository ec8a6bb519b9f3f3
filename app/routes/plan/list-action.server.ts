import { redirect, type RouterContextProvider } from "react-router";
import type { z } from "zod";
import { PLAN_LIST_CAPS, type Plan, type PlanList } from "~/domain/plan";
import { removeEntrySchema } from "~/forms/plan";
import { errorWith, type FormErrors } from "~/lib/form-messages";
import { formValues, parseFormValues, fieldErrors } from "~/lib/forms.server";
import { requireRecordAccess, type RecordAccess } from "~/server/access.server";
import { notNow, savedBy } from "./plan-access.server";
import { replyWithErrors } from "~/lib/responses.server";
import { canSaveNow, currentPlan, loadPlan, newEntryId, saveSection } from "~/models/plan.server";
import type { PlanState } from "~/domain/workflow";

type ListSection = PlanList;
type Entry<K extends ListSection> = Plan[K][number];

/** What a list page does with a valid "add" form: the new entry, or a refusal for a field. */
export type NewEntry<K extends ListSection> = { entry: Entry<K>; done?: string } | { errors: FormErrors };

/**
 * The action every plan list shares (outcomes, support, help that costs nothing, risks, what I
 * already have): check who is asking, read the form, then remove one entry, add one, or change one. Whether the
 * plan can change is checked again inside the write's transaction; a plan that was sent meanwhile
 * gets the calm "cannot be changed now" page with what was typed. Adding or removing never
 * overwrites anyone's words, so it applies to the list as it is stored at that moment.
 */
export async function planListAction<K extends ListSection, S extends z.ZodType>(
  args: { request: Request; context: Readonly<RouterContextProvider>; params: { personId?: string } },
  section: K,
  page: string,
  addSchema: S,
  newEntry: (
    data: z.infer<S>,
    ctx: { id: string; plan: Plan; access: RecordAccess },
  ) => NewEntry<K> | Promise<NewEntry<K>>,
) {
  const access = await requireRecordAccess(args.context, args.request, args.params.personId, "edit-draft");
  const formData = await args.request.formData();
  const typed = formValues(formData).values;
  const row = await currentPlan(access.person.id);
  if (!canSaveNow(row, "edit")) return notNow(access, (row?.state ?? "draft") as PlanState, typed);
  const { plan } = await loadPlan(access.person.id);
  const stored = (value: unknown) => (Array.isArray(value) ? (value as Entry<K>[]) : []);
  const back = (done: string) => redirect(`/people/${access.person.id}/plan/${page}?done=${done}`);
  if (formData.get("intent") === "remove") {
    const form = parseFormValues(formData, removeEntrySchema);
    if (!form.ok) return replyWithErrors(form);
    const saved = await saveSection(
      access.person.id,
      section,
      (current: unknown) => stored(current).filter((e) => e.id !== form.data.entryId),
      "latest",
      savedBy(access),
      "edit",
    );
    if (!saved.ok && "notNow" in saved) return notNow(access, saved.notNow, typed);
    return back("removed");
  }
  const form = parseFormValues(formData, addSchema);
  if (!form.ok) return replyWithErrors(form);
  // Changing a saved entry (support and treatment): the same questions, the same id, the rest untouched.
  const changing = formData.get("intent") === "change" ? String(formData.get("entryId") ?? "") : null;
  if (changing !== null) {
    if (!plan[section].some((e) => e.id === changing))
      return replyWithErrors(fieldErrors(form.values, { _form: "plan:errors.entryGone" }));
    const made = await newEntry(form.data, { id: changing, plan, access });
    if ("errors" in made) return replyWithErrors(fieldErrors(form.values, made.errors));
    const saved = await saveSection(
      access.person.id,
      section,
      (current: unknown) => stored(current).map((e) => (e.id === changing ? made.entry : e)),
      "latest",
      savedBy(access),
      "edit",
    );
    if (!saved.ok && "notNow" in saved) return notNow(access, saved.notNow, typed);
    return back(made.done === "added" || made.done === undefined ? "changed" : made.done);
  }
  // The cap is enforced here, when saving, with the person's words kept: not discovered on reading.
  if (plan[section].length >= PLAN_LIST_CAPS[section])
    return replyWithErrors(
      fieldErrors(form.values, { _form: errorWith("plan:errors.listFull", { max: PLAN_LIST_CAPS[section] }) }),
    );
  const made = await newEntry(form.data, { id: newEntryId(), plan, access });
  if ("errors" in made) return replyWithErrors(fieldErrors(form.values, made.errors));
  const saved = await saveSection(
    access.person.id,
    section,
    (current: unknown) => [...stored(current), made.entry],
    "latest",
    savedBy(access),
    "edit",
  );
  if (!saved.ok && "notNow" in saved) return notNow(access, saved.notNow, typed);
  return back(made.done ?? "added");
}
