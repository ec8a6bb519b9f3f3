import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { findEntry } from "~/domain/menu";
import { MAX_QUESTION_LENGTH } from "~/domain/menu-questions";
import { ruleQuestionFormSchema } from "~/forms/menu";
import { clientAddressContext } from "~/lib/context";
import { formatDate } from "~/lib/format";
import { fieldErrors, parseForm } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { menuAsPublished } from "~/models/menu.server";
import { askAboutRule, myRuleQuestions } from "~/models/menu-questions.server";
import { currentUser } from "~/server/session.server";
import type { Route } from "./+types/menu-question";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["menu"] };

async function entryOr404(entryId: string) {
  const menu = (await menuAsPublished());
  const entry = findEntry(menu, entryId);
  if (!entry) throw data(null, { status: 404 });
  return { entry, version: menu.version };
}

/**
 * Question a rule: anyone, signed in or not. Someone not signed in may give an email to reply to;
 * someone signed in hears on their notifications, and reads their questions and replies here.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const lang = languageOf(context);
  const { entry } = (await entryOr404(params.entryId));
  const signed = currentUser(context);
  return {
    entryId: entry.id,
    title: entry.title[lang],
    signedIn: signed !== null,
    mine: signed
      ? (await myRuleQuestions(signed.user.id, entry.id)).map((q) => ({
          id: q.id,
          asked: formatDate(q.askedAt, lang),
          message: q.message,
          reply: q.reply,
          replied: q.repliedAt ? formatDate(q.repliedAt, lang) : null,
        }))
      : [],
    sent: new URL(request.url).searchParams.has("sent"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { entry, version } = (await entryOr404(params.entryId));
  const signed = currentUser(context);
  const form = await parseForm(request, ruleQuestionFormSchema);
  if (!form.ok) return replyWithErrors(form);
  const asked = (await askAboutRule({
    entryId: entry.id,
    menuVersion: version,
    userId: signed?.user.id ?? null,
    replyEmail: form.data.replyEmail ?? null,
    message: form.data.message,
    address: context.get(clientAddressContext),
  }));
  if (!asked.ok) return replyWithErrors(fieldErrors(form.values, { message: "menu:errors.tooManyQuestions" }), 429);
  return redirect(`/menu/${entry.id}/question?sent`);
}

export default function MenuQuestion({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("menu");
  const refusal = useActionData<typeof action>();
  const labels: Record<string, string> = { message: t("question.message") };
  if (!d.signedIn) labels.replyEmail = t("question.replyEmail");
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("question.title", { title: d.title })}</PageTitle>
      <p>
        <a href={`/menu#${d.entryId}`}>{t("question.back")}</a>
      </p>
      <h1>{t("question.title", { title: d.title })}</h1>
      {d.sent && !refusal && (
        <div className="confirmation" role="status">
          <p>{t("question.sent")}</p>
          <p>{d.signedIn ? t("question.sentSignedIn") : t("question.sentAnonymous")}</p>
        </div>
      )}
      <p>{t("question.intro")}</p>
      <ValidatedForm schema={() => import("~/forms/menu").then((m) => m.ruleQuestionFormSchema)} values={refusal?.values} errors={refusal?.errors} labels={labels}>
        <TextField
          name="message"
          label={labels.message!}
          hint={t("question.messageHint", { max: MAX_QUESTION_LENGTH })}
          multiline
        />
        {!d.signedIn && (
          <TextField
            name="replyEmail"
            label={labels.replyEmail!}
            hint={t("question.replyEmailHint")}
            type="email"
            autoComplete="email"
          />
        )}
        <SubmitButton>{t("question.send")}</SubmitButton>
      </ValidatedForm>
      {d.signedIn && (
        <section aria-labelledby="replies">
          <h2 id="replies">{t("question.mine")}</h2>
          {d.mine.length === 0 ? (
            <p>{t("question.noneYet")}</p>
          ) : (
            <ul className="list" data-testid="my-questions">
              {d.mine.map((q) => (
                <li key={q.id} className="panel">
                  <p className="hint">{t("question.askedOn", { date: q.asked })}</p>
                  <p className="pre-wrap">{q.message}</p>
                  {q.reply === null ? (
                    <p>{t("question.waiting")}</p>
                  ) : (
                    <>
                      <h3>{t("question.replyOn", { date: q.replied })}</h3>
                      <p className="pre-wrap" data-testid="my-reply">
                        {q.reply}
                      </p>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
