import { RULE_SET_FILE_MAX_BYTES } from "~/domain/rule-set-lifecycle";
import { useTranslation } from "~/lib/use-translation";
import { Form, redirect, useActionData } from "react-router";
import { ChoiceField, CsrfInput, ErrorSummary, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import type { RuleSetProblem } from "~/domain/rule-set";
import { copyRuleSetSchema, uploadSchema } from "~/forms/rule-set";
import { formatDate } from "~/lib/format";
import { fieldErrors, parseFormValues, parseUpload } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { allRuleSets, createDraft, findRuleSet, ruleSetIdInForce } from "~/models/rule-sets.server";
import { userNames } from "~/models/users.server";
import { requireCommissioner } from "~/server/access.server";
import type { Route } from "./+types/rule-sets";

export const handle = { i18n: ["scheme"] };

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireCommissioner(context, request);
  const lang = languageOf(context);
  const all = await allRuleSets();
  const names = await userNames(all.map((r) => r.createdBy).filter((id): id is string => id !== null));
  const inForce = await ruleSetIdInForce();
  return {
    inForce,
    ruleSets: all.map((r) => ({
      id: r.id,
      label: r.label[lang],
      status: r.status,
      shipped: r.shipped,
      effectiveFrom: r.effectiveFrom ? formatDate(r.effectiveFrom, lang) : null,
      awaitingApproval: r.awaitingApproval,
      madeBy: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
      forMe: r.awaitingApproval && r.createdBy !== user.id,
    })),
  };
}

const noProblems: RuleSetProblem[] = [];

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireCommissioner(context, request);
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await parseUpload(request, uploadSchema, "ruleSetFile", RULE_SET_FILE_MAX_BYTES);
    if (!form.ok) return replyWithErrors({ ...form, problems: noProblems }, form.tooLarge ? 413 : 400);
    if (!form.file)
      return replyWithErrors({
        ok: false,
        errors: { ruleSetFile: "scheme:errors.chooseFile" },
        values: {},
        problems: noProblems,
      });
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(form.file.bytes).replace(/^\uFEFF/, ""));
    } catch {
      return replyWithErrors({
        ok: false,
        errors: { ruleSetFile: "scheme:errors.notJson" },
        values: {},
        problems: noProblems,
      });
    }
    const made = await createDraft(json, null, user.id);
    if (!made.ok)
      return replyWithErrors({
        ok: false,
        errors: { ruleSetFile: "scheme:errors.fileInvalid" },
        values: {},
        problems: made.problems,
      });
    return redirect(`/scheme/rule-sets/${made.id}`);
  }
  const formData = await request.formData();
  const form = parseFormValues(formData, copyRuleSetSchema);
  if (!form.ok) return replyWithErrors({ ...form, problems: noProblems });
  const source = await findRuleSet(form.data.from);
  if (!source)
    return replyWithErrors({
      ...fieldErrors(form.values, { from: "scheme:errors.chooseRuleSet" }),
      problems: noProblems,
    });
  const { translationStatus, ...rest } = source;
  const made = await createDraft(
    { ...(translationStatus ? { translationStatus } : {}), ...rest, id: form.data.id },
    source.id,
    user.id,
  );
  if (!made.ok)
    return replyWithErrors({ ...fieldErrors(form.values, { id: "scheme:errors.idTaken" }), problems: noProblems });
  return redirect(`/scheme/rule-sets/${made.id}/edit`);
}

export default function RuleSets({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const refusal = useActionData<typeof action>();
  const uploadRefused = refusal && "problems" in refusal && "ruleSetFile" in refusal.errors;
  const copyLabels = { id: t("ruleSets.copy.id"), from: t("ruleSets.copy.from") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("ruleSets.title")}</PageTitle>
      <h1>{t("ruleSets.title")}</h1>
      <p>{t("ruleSets.intro")}</p>
      <p>
        <a href="/scheme/menu">{t("menu.link")}</a>
      </p>
      <table>
        <caption className="visually-hidden">{t("ruleSets.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ruleSets.col.name")}</th>
            <th scope="col">{t("ruleSets.col.status")}</th>
            <th scope="col">{t("ruleSets.col.from")}</th>
            <th scope="col">{t("ruleSets.col.madeBy")}</th>
          </tr>
        </thead>
        <tbody>
          {d.ruleSets.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/scheme/rule-sets/${r.id}`}>{r.label}</a>
                <br />
                <span className="hint">{r.id}</span>
              </td>
              <td>
                {t(`status.${r.status}`)}
                {r.id === d.inForce && <strong className="tag">{t("ruleSets.inForce")}</strong>}
                {r.awaitingApproval && (
                  <span className="tag tag--warn">{r.forMe ? t("ruleSets.forYou") : t("ruleSets.awaiting")}</span>
                )}
              </td>
              <td>{r.effectiveFrom ?? "–"}</td>
              <td>{r.shipped ? t("ruleSets.shipped") : r.madeBy}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("ruleSets.copy.title")}</h2>
      <p>{t("ruleSets.copy.intro")}</p>
      <ValidatedForm
        schema={() => import("~/forms/rule-set").then((m) => m.copyRuleSetSchema)}
        hidden={{ intent: "copy" }}
        values={!uploadRefused && refusal ? refusal.values : { from: d.inForce }}
        errors={!uploadRefused ? refusal?.errors : undefined}
        labels={copyLabels}
      >
        <ChoiceField
          name="from"
          legend={copyLabels.from}
          options={d.ruleSets.map((r) => ({ value: r.id, label: r.label, hint: r.id }))}
        />
        <TextField name="id" label={copyLabels.id} hint={t("ruleSets.copy.idHint")} autoComplete="off" />
        <SubmitButton>{t("ruleSets.copy.submit")}</SubmitButton>
      </ValidatedForm>

      <h2>{t("ruleSets.upload.title")}</h2>
      <p>{t("ruleSets.upload.intro", { kb: 64 })}</p>
      {uploadRefused && (
        <>
          <ErrorSummary errors={refusal.errors} labels={{ ruleSetFile: t("ruleSets.upload.file") }} />
          {refusal.problems.length > 0 && (
            <ul className="list" data-testid="rule-set-problems">
              {refusal.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <Form method="post" encType="multipart/form-data" reloadDocument>
        <CsrfInput />
        <input type="hidden" name="intent" value="upload" />
        <div className={uploadRefused ? "field field--error" : "field"}>
          <label htmlFor="f-ruleSetFile">{t("ruleSets.upload.file")}</label>
          <input id="f-ruleSetFile" name="ruleSetFile" type="file" accept="application/json,.json" />
        </div>
        <button type="submit">{t("ruleSets.upload.submit")}</button>
      </Form>
    </>
  );
}
