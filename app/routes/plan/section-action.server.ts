import { data, redirect, type RouterContextProvider } from "react-router";
import type { z } from "zod";
import type { AutosaveAnswer } from "~/components/autosave";
import { keepTheirsSchema } from "~/forms/plan-sections";
import { saveSection, type StoredSection } from "~/models/plan.server";
import { userNames } from "~/models/users.server";
import { requireRecordAccess } from "~/server/access.server";
import { formatDateTime } from "~/lib/format";
import { parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { requireEditablePlan } from "./plan-access.server";
import { replyWithErrors } from "~/lib/responses.server";

/**
 * The action of a plan section edited as one form (the crisis plan, decisions): saves against the
 * version the form was loaded at; answers an autosave with its own small reply; and when someone else
 * saved first, shows both versions side by side. The losing save is already kept in the history.
 */
export async function versionedSectionAction<F extends z.ZodType<{ version: number }>, V>(
  args: { request: Request; context: Readonly<RouterContextProvider>; params: { personId?: string } },
  section: StoredSection,
  page: string,
  form: { schema: F; toContent: (data: z.infer<F>) => unknown; toValues: (stored: unknown) => V },
) {
  const { request, context, params } = args;
  const access = requireRecordAccess(context, request, params.personId, "edit-draft");
  requireEditablePlan(access);
  const formData = await request.formData();
  const base = `/people/${access.person.id}/plan/${page}`;
  if (formData.get("intent") === "keep-theirs") {
    const kept = parseFormValues(formData, keepTheirsSchema);
    if (!kept.ok) return replyWithErrors(kept);
    return redirect(`${base}?done=keptTheirs`);
  }
  const autosave = formData.get("intent") === "autosave";
  const parsed = parseFormValues(formData, form.schema);
  if (!parsed.ok) return autosave ? ({ autosave: "invalid" } satisfies AutosaveAnswer) : replyWithErrors(parsed);
  const result = saveSection(
    access.person.id,
    section,
    form.toContent(parsed.data),
    parsed.data.version,
    access.actor.id,
  );
  if (result.ok)
    return autosave
      ? ({ autosave: "saved", version: result.version } satisfies AutosaveAnswer)
      : redirect(`${base}?done=saved`);
  if (autosave) return { autosave: "conflict" } satisfies AutosaveAnswer;
  return data(
    {
      conflict: {
        theirs: form.toValues(result.conflict.theirs),
        theirVersion: result.conflict.theirVersion,
        savedBy: userNames([result.conflict.savedBy]).get(result.conflict.savedBy) ?? "",
        savedAt: formatDateTime(result.conflict.savedAt, languageOf(context)),
      },
      yours: parsed.values,
    },
    { status: 409 },
  );
}
