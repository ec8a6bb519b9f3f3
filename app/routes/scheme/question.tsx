import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ErrorSummary, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { findEntry } from "~/domain/menu";
import { ruleReplyFormSchema } from "~/forms/menu";
import { formatDate } from "~/lib/format";
import { fieldErrors, parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { menuAsPublished } from "~/models/menu.server";
import { replyToQuestion, ruleQuestion } from "~/models/menu-questions.server";
import { requireCommissioner } from "~/server/access.server";
import type { Route } from "./+types/question";

export const handle = { i18n: ["scheme"] };

async function questionOr404(id: string) {
  const question = await ruleQuestion(id);
  if (!question) throw data(null, { status: 404 });
  return question;
}

/** One question about a rule: what was asked, and the reply (recorded once) or the form to write it. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const q = await questionOr404(params.questionId);
  return {
    title: findEntry(await menuAsPublished(), q.entryId)?.title[lang] ?? q.entryId,
    entryId: q.entryId,
    version: q.menuVersion,
    asked: formatDate(q.askedAt, lang),
    message: q.message,
    route: q.route,
    reply: q.reply,
    replied: q.repliedAt ? formatDate(q.repliedAt, lang) : null,
    sent: new URL(request.url).searchParams.has("replied"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireCommissioner(context, request);
  const lang = languageOf(context);
  const q = await questionOr404(params.questionId);
  const form = await parseForm(request, ruleReplyFormSchema);
  if (!form.ok) return replyWithErrors(form);
  // The email to someone not signed in is in English, as every email is (the portal does not know which language a mailbox reads).
  const title =
    findEntry(await menuAsPublished(), q.entryId)?.title[q.route === "notification" ? lang : "en"] ?? q.entryId;
  const done = await replyToQuestion(q.id, form.data.reply, user.id, title);
  if (!done.ok) return replyWithErrors(fieldErrors(form.values, { _form: "scheme:errors.alreadyReplied" }));
  return redirect(`/scheme/questions/${q.id}?replied`);
}

export default function Question({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const refusal = useActionData<typeof action>();
  const labels = { reply: t("questions.reply") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("questions.about", { title: d.title })}</PageTitle>
      <p>
        <a href="/scheme/questions">{t("questions.title")}</a>
      </p>
      <h1>{t("questions.about", { title: d.title })}</h1>
      {d.sent && !refusal && (
        <p className="confirmation" role="status">
          {t(`questions.sent.${d.route}`)}
        </p>
      )}
      <p className="hint">{t("questions.asked", { date: d.asked, version: d.version })}</p>
      <p className="pre-wrap" data-testid="question">
        {d.message}
      </p>
      <p>
        <a href={`/menu#${d.entryId}`}>{t("questions.seeRule")}</a>
      </p>
      {d.reply !== null ? (
        <>
          {refusal && <ErrorSummary errors={refusal.errors} labels={labels} />}
          <h2>{t("questions.replyTitle")}</h2>
          <p className="hint">{t("questions.repliedOn", { date: d.replied })}</p>
          <p className="pre-wrap" data-testid="reply">
            {d.reply}
          </p>
        </>
      ) : (
        <>
          <p>{t(`questions.route.${d.route}`)}</p>
          <ValidatedForm
            schema={() => import("~/forms/menu").then((m) => m.ruleReplyFormSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
          >
            <TextField name="reply" label={labels.reply} hint={t("questions.replyHint")} multiline />
            <SubmitButton>{t("questions.send")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
    </>
  );
}
