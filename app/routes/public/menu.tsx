import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { pick } from "~/domain/localized";
import { formatDate, formatMoney } from "~/lib/format";
import { isAccredited, MENU_KINDS, isMenuKind, providersFor, searchMenu, type MenuEntry } from "~/domain/menu";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { entriesAwaitingReview, menuAsPublished, menuChangeLog, providersInForce } from "~/models/menu.server";
import { todayInUk } from "~/models/rule-sets.server";
import { awaitingReviewText, changeLogLines } from "~/views/menu-view.server";
import type { Route } from "./+types/menu";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["menu"] };

// A query longer than this is not a search anyone means; it is cut, not refused.
const MAX_QUERY = 100;

/** The public menu of spending rules: readable by anyone, searchable and filterable without JavaScript. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const lang = languageOf(context);
  const t = translatorOf(context);
  const { directory } = content();
  // The menu as published: the shipped entries with every change applied (retired ones kept, marked).
  const menu = await menuAsPublished();
  const providers = await providersInForce();
  const today = todayInUk();
  const awaiting = await entriesAwaitingReview();
  // The version in force and its change log: a retired entry stays listed, marked, so the change is public.
  const log = await menuChangeLog();
  const retired = new Map(log.filter((c) => c.change === "retired").map((c) => [c.entryId, c]));
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, MAX_QUERY);
  const kindParam = params.get("kind");
  const kind = isMenuKind(kindParam) ? kindParam : undefined;
  const found = searchMenu(menu, lang, q, kind);

  const directoryName = (id: string) => {
    const entry = directory.entries.find((d) => d.id === id);
    return entry ? pick(entry.name, lang) : id;
  };
  const entryView = (entry: MenuEntry) => ({
    id: entry.id,
    retired: retired.has(entry.id)
      ? { date: formatDate(retired.get(entry.id)!.madeAt, lang), why: retired.get(entry.id)!.why }
      : null,
    title: pick(entry.title, lang),
    awaitingReview: awaitingReviewText(awaiting.get(entry.id), t),
    description: pick(entry.description, lang),
    examples: entry.examples[lang],
    why: pick(entry.why, lang),
    helpInstead:
      entry.kind === "absolute-exclusion"
        ? {
            text: pick(entry.helpInstead.text, lang),
            links: (entry.helpInstead.directoryIds ?? []).map((id) => ({ id, name: directoryName(id) })),
          }
        : null,
    providers:
      entry.kind === "controlled-treatment"
        ? providersFor(providers, entry.treatment)
            .filter((p) => isAccredited(p, today))
            .map((p) => ({
            id: p.id,
            name: p.name,
            accreditingBody: p.accreditingBody,
            registrationNumber: p.registrationNumber,
            price: formatMoney(p.pricePerSessionPence, lang),
            area: p.area,
            example: p.example,
          }))
        : null,
  });

  return {
    lang,
    version: menu.version,
    // The day the version in force was published: the last change, or the shipped file.
    publishedOn: formatDate(log.at(-1)?.madeAt ?? content().menu.publishedOn, lang),
    changes: (await changeLogLines(log, lang, t)).map((c) => ({ version: c.version, date: c.date, text: c.text })),
    q,
    kind: kind ?? "",
    searching: q !== "" || kind !== undefined,
    matchCount: found.length,
    kindNames: MENU_KINDS.map((k) => ({ kind: k, name: pick(menu.kinds[k].name, lang) })),
    // Grouped by kind in the menu's order; a kind with no matching entry is left out.
    groups: MENU_KINDS.map((k) => ({
      kind: k,
      name: pick(menu.kinds[k].name, lang),
      explanation: pick(menu.kinds[k].explanation, lang),
      portalDoes: pick(menu.kinds[k].portalDoes, lang),
      entries: found.filter((e) => e.kind === k).map(entryView),
    })).filter((g) => g.entries.length > 0),
    challenge: { text: pick(menu.challenge.text, lang), address: menu.challenge.address },
  };
}

type EntryView = Route.ComponentProps["loaderData"]["groups"][number]["entries"][number];

function Entry({ entry }: { entry: EntryView }) {
  const { t } = useTranslation("menu");
  return (
    <section id={entry.id} className="menu-entry" aria-labelledby={`${entry.id}-title`}>
      <h3 id={`${entry.id}-title`}>{entry.title}</h3>
      {entry.retired && (
        <p className="warning">{t("changes.retiredEntry", { date: entry.retired.date, why: entry.retired.why })}</p>
      )}
      {entry.awaitingReview && (
        <p>
          <span className="tag tag--warn" data-testid="awaiting-review">
            {entry.awaitingReview}
          </span>
        </p>
      )}
      <p>{entry.description}</p>
      <h4>{t("examplesHeading")}</h4>
      <ul className="list">
        {entry.examples.map((example) => (
          <li key={example}>{example}</li>
        ))}
      </ul>
      <h4>{t("whyHeading")}</h4>
      <p>{entry.why}</p>
      {entry.helpInstead && (
        <>
          <h4>{t("helpInsteadHeading")}</h4>
          <p>{entry.helpInstead.text}</p>
          <ul className="list">
            {entry.helpInstead.links.map((link) => (
              <li key={link.id}>
                <a href={`/help-outside-budget#${link.id}`}>{link.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {entry.providers && (
        <>
          <h4>{t("providersHeading")}</h4>
          <ul className="list provider-list">
            {entry.providers.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>
                {p.example && (
                  <>
                    {" "}
                    <span className="tag tag--warn">{t("exampleProvider")}</span>
                  </>
                )}
                <br />
                {t("check.providerDetails", { body: p.accreditingBody, number: p.registrationNumber })}
                <br />
                {t("check.pricePerSession", { price: p.price })}
                <br />
                {t("check.area", { area: p.area })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={`/menu/${entry.id}/question`}>
          {t("question.link")}
          <span className="visually-hidden">: {entry.title}</span>
        </a>
      </p>
    </section>
  );
}

export default function MenuPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("menu");
  return (
    <div className="narrow">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p className="hint">{t("version", { version: d.version, date: d.publishedOn })}</p>
      {d.changes.length > 0 && (
        <details className="panel" data-testid="menu-changes">
          <summary>{t("changes.title", { date: d.changes[0]!.date })}</summary>
          <ul className="list">
            {d.changes.map((c) => (
              <li key={c.version}>{c.text}</li>
            ))}
          </ul>
        </details>
      )}
      {d.lang !== "en" && <p className="hint">{t("translationNote")}</p>}

      {/* A plain GET form, a full page load with or without JavaScript: the same for everyone,
          and a screen reader hears a new page with the results. */}
      <form method="get" action="/menu" className="panel" role="search">
        <div className="field">
          <label htmlFor="menu-q">{t("searchLabel")}</label>
          <p id="menu-q-hint" className="hint">
            {t("searchHint")}
          </p>
          <input type="search" dir="auto" id="menu-q" name="q" defaultValue={d.q} maxLength={MAX_QUERY} aria-describedby="menu-q-hint" />
        </div>
        <fieldset className="field">
          <legend>{t("filterByKind")}</legend>
          <ul className="radios">
            {[{ kind: "", name: t("allKinds") }, ...d.kindNames].map((option) => (
              <li key={option.kind || "all"}>
                <input type="radio" id={`kind-option-${option.kind || "all"}`} name="kind" value={option.kind} defaultChecked={d.kind === option.kind} />
                <label htmlFor={`kind-option-${option.kind || "all"}`}>{option.name}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit">{t("searchButton")}</button>
      </form>

      {d.searching && (
        <p className="search-result-count">
          {d.matchCount === 0 ? t("noEntriesMatch") : t("matchCount", { count: d.matchCount })} <a href="/menu">{t("showAll")}</a>
        </p>
      )}

      {d.groups.map((group) => (
        <section key={group.kind} id={`kind-${group.kind}`} aria-labelledby={`kind-${group.kind}-heading`}>
          <h2 id={`kind-${group.kind}-heading`}>{group.name}</h2>
          <p>{group.explanation}</p>
          <div className="inset">
            <p>
              <strong>{t("portalDoesHeading")}</strong>
            </p>
            <p>{group.portalDoes}</p>
          </div>
          {group.entries.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </section>
      ))}

      <section aria-labelledby="menu-challenge">
        <h2 id="menu-challenge">{t("challengeHeading")}</h2>
        <p>{d.challenge.text}</p>
        <address className="panel">
          {d.challenge.address.lines.map((line, i) => (
            <span key={i} className="address-line">
              {line}
            </span>
          ))}
        </address>
        {d.challenge.address.example && <p className="hint">{t("exampleAddress")}</p>}
      </section>

      <section aria-labelledby="menu-outside">
        <h2 id="menu-outside">{t("outsideHeading")}</h2>
        <p>{t("outsideBody")}</p>
        <p>
          <a href="/help-outside-budget">{t("directoryLink")}</a>
        </p>
      </section>
    </div>
  );
}
