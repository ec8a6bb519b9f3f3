import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { findEntry } from "~/domain/menu";
import { inboxOrder } from "~/domain/menu-questions";
import { formatDate } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { menuAsPublished } from "~/models/menu.server";
import { allRuleQuestions } from "~/models/menu-questions.server";
import { requireCommissioner } from "~/server/access.server";
import type { Route } from "./+types/questions";

export const handle = { i18n: ["scheme"] };

/** The commissioners' inbox of questions about the rules: those waiting first, oldest first; then those answered. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const menu = await menuAsPublished();
  return {
    questions: inboxOrder(await allRuleQuestions()).map((q) => ({
      id: q.id,
      title: findEntry(menu, q.entryId)?.title[lang] ?? q.entryId,
      version: q.menuVersion,
      asked: formatDate(q.askedAt, lang),
      message: q.message,
      answered: q.repliedAt !== null,
    })),
  };
}

export default function Questions({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const waiting = d.questions.filter((q) => !q.answered);
  const answered = d.questions.filter((q) => q.answered);
  const list = (questions: typeof d.questions) => (
    <ul className="list" data-testid="questions">
      {questions.map((q) => (
        <li key={q.id} className="panel">
          <h3>
            <a href={`/scheme/questions/${q.id}`}>{t("questions.about", { title: q.title })}</a>
          </h3>
          <p className="hint">{t("questions.asked", { date: q.asked, version: q.version })}</p>
          <p className="pre-wrap">{q.message}</p>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <PageTitle>{t("questions.title")}</PageTitle>
      <p>
        <a href="/scheme/menu">{t("menu.title")}</a>
      </p>
      <h1>{t("questions.title")}</h1>
      <p>{t("questions.intro")}</p>
      <h2>{t("questions.waiting", { count: waiting.length })}</h2>
      {waiting.length === 0 ? <p>{t("questions.noneWaiting")}</p> : list(waiting)}
      <h2>{t("questions.answered")}</h2>
      {answered.length === 0 ? <p>{t("questions.noneAnswered")}</p> : list(answered)}
    </>
  );
}
