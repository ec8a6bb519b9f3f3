import { z } from "zod";
import { MAX_QUESTION_LENGTH, MAX_REPLY_LENGTH } from "~/domain/menu-questions";
import { MENU_KINDS } from "~/domain/menu";
import {
  checkEntry,
  entryFieldForPath,
  entryFromDraft,
  type EntryDraft,
  type EntryTexts,
} from "~/domain/menu-versions";
import { blankToUndefined, calendarDate, choice, optionalText, requiredText, withDateInputs } from "~/lib/forms";
import { errorWith, GENERIC_ERROR } from "~/lib/form-messages";
import { pounds } from "./plan";

/**
 * The menu, maintained by commissioners, and questions about its rules from anyone. An entry's form
 * is judged, in the browser and in the action alike, by the one menu-entry schema the content files
 * pass (app/domain/menu.ts): each problem comes back by the box it belongs to.
 */

const texts = (required: boolean) =>
  z.strictObject({
    title: required ? requiredText(200, "scheme:errors.entryTitle") : optionalText(200),
    description: required ? requiredText(2000, "scheme:errors.entryDescription") : optionalText(2000),
    why: required ? requiredText(2000, "scheme:errors.entryWhy") : optionalText(2000),
    examples: required ? requiredText(2000, "scheme:errors.entryExamples") : optionalText(2000),
    helpInstead: optionalText(2000),
    screening: optionalText(2000),
  });

type TextsTyped = { [K in keyof EntryTexts]?: string };

/** The form's answers as a draft entry: a box left blank is "". */
export function entryDraftOf(v: {
  kind: EntryDraft["kind"];
  treatment?: string;
  en: TextsTyped;
  ur?: TextsTyped;
  pl?: TextsTyped;
}): EntryDraft {
  const full = (t: TextsTyped = {}): EntryTexts => ({
    title: t.title ?? "",
    description: t.description ?? "",
    why: t.why ?? "",
    examples: t.examples ?? "",
    helpInstead: t.helpInstead ?? "",
    screening: t.screening ?? "",
  });
  return { kind: v.kind, treatment: v.treatment, en: full(v.en), ur: full(v.ur), pl: full(v.pl) };
}

// A message of ours (a key) passes as it is; the schema's own plain words are put inside ours.
const KEY = /^[a-zA-Z][\w.-]*:[\w.-]+$/;

/** Add or change a menu entry: texts in three languages (English required), and why, for the change log. */
export const menuEntryFormSchema = z
  .strictObject({
    kind: choice(MENU_KINDS, "scheme:errors.entryKind"),
    treatment: optionalText(64),
    en: texts(true),
    ur: texts(false).optional(),
    pl: texts(false).optional(),
    reason: requiredText(2000, "scheme:errors.why"),
  })
  .superRefine((v, ctx) => {
    const missing = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (v.kind === "absolute-exclusion") {
      if (!v.en.helpInstead) missing(["en", "helpInstead"], "scheme:errors.entryHelpInstead");
      if (!v.en.screening) missing(["en", "screening"], "scheme:errors.entryScreening");
    }
    if (v.kind === "controlled-treatment" && !v.treatment) missing(["treatment"], "scheme:errors.treatment");
    const { candidate } = entryFromDraft("draft-entry", entryDraftOf(v));
    const checked = checkEntry(candidate);
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      const field = entryFieldForPath(issue.path);
      if (field === "_form") continue;
      const message =
        issue.message === GENERIC_ERROR || KEY.test(issue.message)
          ? issue.message
          : errorWith("scheme:errors.entryRule", { problem: issue.message });
      ctx.addIssue({ code: "custom", path: field.split("."), message });
    }
  });

const PROVIDER_TREATMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Add or change an accredited provider: price in pounds and pence (kept as exact pence), accreditation's last day. */
export const providerFormSchema = withDateInputs(
  ["accreditationExpires"],
  z.strictObject({
    name: requiredText(200, "scheme:errors.providerName"),
    treatment: requiredText(64, "scheme:errors.treatment").regex(PROVIDER_TREATMENT, "scheme:errors.treatment"),
    accreditingBody: requiredText(200, "scheme:errors.accreditingBody"),
    registrationNumber: requiredText(100, "scheme:errors.registrationNumber"),
    price: pounds("scheme:errors.price").refine((pence) => pence > 0, "scheme:errors.price"),
    area: requiredText(200, "scheme:errors.area"),
    accreditationExpires: calendarDate("scheme:errors.expiry"),
    reason: requiredText(2000, "scheme:errors.why"),
  }),
);

/** Question a rule (anyone): the question, and for someone not signed in an optional email to reply to. */
export const ruleQuestionFormSchema = z.strictObject({
  message: requiredText(MAX_QUESTION_LENGTH, "menu:errors.question"),
  replyEmail: z.preprocess(
    blankToUndefined,
    z.email("menu:errors.replyEmail").max(254, "menu:errors.replyEmail").optional(),
  ),
});

/** A commissioner's reply to a question about a rule. */
export const ruleReplyFormSchema = z.strictObject({
  reply: requiredText(MAX_REPLY_LENGTH, "scheme:errors.reply"),
});
