import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { entriesAwaitingReview, menuChangeLog, menuInForce } from "~/models/menu.server";
import { waitingQuestionCount } from "~/models/menu-questions.server";
import { userNames } from "~/models/users.server";
import { requireCommissioner } from "~/server/access.server";
import { awaitingReviewText, changeLogLines } from "~/views/menu-view.server";
import type { Route } from "./+types/menu";

export const handle = { i18n: ["scheme", "menu"] };

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireCommissioner(context, request);
  const lang = languageOf(context);
  const t = translatorOf(context);
  const shipped = content().menu;
  const menu = await menuInForce();
  const awaiting = await entriesAwaitingReview();
  const log = await menuChangeLog();
  const names = await userNames(log.flatMap((c) => (c.madeBy ? [c.madeBy] : [])));
  const params = new URL(request.url).searchParams;
  return {
    version: menu.version,
    entries: menu.entries.map((e) => ({
      id: e.id,
      title: e.title[lang],
      kind: shipped.kinds[e.kind]?.name[lang] ?? e.kind,
      awaitingReview: awaitingReviewText(awaiting.get(e.id), t),
    })),
    log: (await changeLogLines(log, lang, t)).map((line) => ({
      version: line.version,
      text: line.text,
      who: names.get(line.madeBy ?? "") ?? "",
    })),
    waitingQuestions: await waitingQuestionCount(),
    done: params.has("retired") ? "retired" : params.has("saved") ? "saved" : null,
  };
}

export default function SchemeMenu({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  return (
    <>
      <PageTitle>{t("menu.title")}</PageTitle>
      <p>
        <a href="/scheme">{t("ruleSets.title")}</a>
      </p>
      <h1>{t("menu.title")}</h1>
      {d.done && (
        <p className="confirmation" role="status">
          {t(d.done === "retired" ? "menu.retired" : "menu.saved", { version: d.version })}
        </p>
      )}
      <p>{t("menu.intro", { version: d.version })}</p>
      <ul className="list">
        <li>
          <a href="/scheme/menu/entries/new">{t("menu.addEntry")}</a>
        </li>
        <li>
          <a href="/scheme/providers">{t("providers.title")}</a>
        </li>
        <li>
          <a href="/scheme/questions">{t("questions.link", { count: d.waitingQuestions })}</a>
        </li>
      </ul>
      <h2>{t("menu.entriesTitle")}</h2>
      <table className="table" data-testid="menu-entries">
        <caption className="visually-hidden">{t("menu.entriesTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("menu.entryColumn")}</th>
            <th scope="col">{t("menu.kindColumn")}</th>
            <th scope="col">{t("menu.translationColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {d.entries.map((e) => (
            <tr key={e.id}>
              <td>
                <a href={`/scheme/menu/entries/${e.id}`}>
                  {e.title}
                  <span className="visually-hidden">{t("menu.changeSuffix")}</span>
                </a>
              </td>
              <td>{e.kind}</td>
              <td>{e.awaitingReview && <span className="tag tag--warn">{e.awaitingReview}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("menu.logTitle")}</h2>
      {d.log.length === 0 ? (
        <p>{t("menu.noChanges")}</p>
      ) : (
        <ul className="list" data-testid="menu-log">
          {d.log.map((c) => (
            <li key={c.version}>{t("menu.logBy", { line: c.text, who: c.who })}</li>
          ))}
        </ul>
      )}
    </>
  );
}
