import { data, redirect, type RouterContextProvider } from "react-router";
import type { z } from "zod";
import type { AutosaveAnswer } from "~/components/autosave";
import { keepTheirsSchema } from "~/forms/plan-sections";
import { saveSection, type StoredSection } from "~/models/plan.server";
import { userNames } from "~/models/users.server";
import { requireRecordAccess } from "~/server/access.server";
import { formatDateTime } from "~/lib/format";
import { formValues, parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import type { SaveWhen } from "~/models/plan.server";
import { notNow, savedBy } from "./plan-access.server";
import { replyWithErrors } from "~/lib/responses.server";

/**
 * The action of a plan section edited as one form (the crisis plan, decisions, the over-budget
 * reason, reflecting): saves against the version the form was loaded at; answers an autosave with
 * its own small reply; and when someone else saved first, shows both versions side by side. The
 * losing save is already kept in the history. The plan's state is checked with the version, inside
 * the write's transaction after the body was read: a plan sent meanwhile gets the calm page with
 * every word typed (an autosave is told "not now", and the words stay in the form).
 */
export async function versionedSectionAction<F extends z.ZodType<{ version: number }>, V>(
  args: { request: Request; context: Readonly<RouterContextProvider>; params: { personId?: string } },
  section: StoredSection,
  page: string,
  form: {
    /** The form's schema, or one built for this person's plan (reflecting has a box per outcome). */
    schema: F | ((personId: string) => F | Promise<F>);
    toContent: (data: z.infer<F>) => unknown;
    toValues: (stored: unknown) => V;
  },
  when: SaveWhen = "edit",
) {
  const { request, context, params } = args;
  const access = await requireRecordAccess(context, request, params.personId, "edit-draft");
  const formData = await request.formData();
  const typed = formValues(formData).values;
  // `page` is the plan page's own path ("crisis"), or "" for the plan page, with any "#anchor".
  const [path = "", hash] = page.split("#");
  const base = `/people/${access.person.id}/plan${path ? `/${path}` : ""}`;
  const anchor = hash ? `#${hash}` : "";
  if (formData.get("intent") === "keep-theirs") {
    const kept = parseFormValues(formData, keepTheirsSchema);
    if (!kept.ok) return replyWithErrors(kept);
    return redirect(`${base}?done=keptTheirs${anchor}`);
  }
  const autosave = formData.get("intent") === "autosave";
  const schema = typeof form.schema === "function" ? await form.schema(access.person.id) : form.schema;
  const parsed = parseFormValues(formData, schema);
  if (!parsed.ok) return autosave ? ({ autosave: "invalid" } satisfies AutosaveAnswer) : replyWithErrors(parsed);
  const result = await saveSection(
    access.person.id,
    section,
    await form.toContent(parsed.data),
    parsed.data.version,
    savedBy(access),
    when,
  );
  if (result.ok)
    return autosave
      ? ({ autosave: "saved", version: result.version } satisfies AutosaveAnswer)
      : redirect(`${base}?done=saved${anchor}`);
  if ("notNow" in result)
    return autosave ? ({ autosave: "notNow" } satisfies AutosaveAnswer) : notNow(access, result.notNow, typed);
  if (autosave) return { autosave: "conflict" } satisfies AutosaveAnswer;
  return data(
    {
      conflict: {
        theirs: form.toValues(result.conflict.theirs),
        theirVersion: result.conflict.theirVersion,
        savedBy: (await userNames([result.conflict.savedBy])).get(result.conflict.savedBy) ?? "",
        savedAt: formatDateTime(result.conflict.savedAt, languageOf(context)),
      },
      yours: parsed.values,
    },
    { status: 409 },
  );
}
