import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { pick } from "~/domain/localized";
import { DIRECTORY_CATEGORIES } from "~/domain/menu";
import { languageOf } from "~/lib/i18n.server";
import type { Route } from "./+types/help-outside-budget";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["directory"] };

/** The directory of help outside the budget, grouped by category. Public. */
export async function loader({ context }: Route.LoaderArgs) {
  const lang = languageOf(context);
  const { directory } = content();
  return {
    groups: DIRECTORY_CATEGORIES.map((category) => ({
      category,
      entries: directory.entries
        .filter((entry) => entry.category === category)
        .map((entry) => ({
          id: entry.id,
          example: entry.example,
          name: pick(entry.name, lang),
          description: pick(entry.description, lang),
          phone: entry.reach.phone ?? null,
          phoneNote: entry.reach.phoneNote ? pick(entry.reach.phoneNote, lang) : null,
          website: entry.reach.website ?? null,
          email: entry.reach.email ?? null,
          address: entry.reach.address ?? null,
          faceToFace: entry.faceToFace.available && entry.faceToFace.how ? pick(entry.faceToFace.how, lang) : null,
        })),
    })).filter((group) => group.entries.length > 0),
  };
}

type EntryView = Route.ComponentProps["loaderData"]["groups"][number]["entries"][number];

/**
 * A way to get in touch. Example entries are made up, so their numbers and addresses are plain
 * text: nobody should be invited to ring a number that reaches no one.
 */
function Reach({ href, text, live }: { href: string; text: string; live: boolean }) {
  return live ? <a href={href}>{text}</a> : <>{text}</>;
}

function DirectoryEntry({ entry }: { entry: EntryView }) {
  const { t } = useTranslation("directory");
  const live = !entry.example;
  return (
    <section id={entry.id} className="directory-entry" aria-labelledby={`${entry.id}-name`}>
      <h3 id={`${entry.id}-name`}>{entry.name}</h3>
      {entry.example && (
        <p>
          <strong className="tag tag--warn">{t("exampleEntry")}</strong>
        </p>
      )}
      <p>{entry.description}</p>
      <dl className="summary-list">
        {entry.phone && (
          <div>
            <dt>{t("phone")}</dt>
            <dd>
              <Reach href={`tel:${entry.phone.replace(/\s+/g, "")}`} text={entry.phone} live={live} />
              {entry.phoneNote && (
                <>
                  <br />
                  {entry.phoneNote}
                </>
              )}
            </dd>
          </div>
        )}
        {entry.address && (
          <div>
            <dt>{t("address")}</dt>
            <dd>
              {entry.address.map((line, i) => (
                <span key={i} className="address-line">
                  {line}
                </span>
              ))}
            </dd>
          </div>
        )}
        {entry.website && (
          <div>
            <dt>{t("website")}</dt>
            <dd>
              <Reach href={entry.website} text={entry.website} live={live} />
            </dd>
          </div>
        )}
        {entry.email && (
          <div>
            <dt>{t("email")}</dt>
            <dd>
              <Reach href={`mailto:${entry.email}`} text={entry.email} live={live} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t("faceToFace")}</dt>
          <dd>{entry.faceToFace ? `${t("faceToFaceYes")} ${entry.faceToFace}` : t("faceToFaceNo")}</dd>
        </div>
      </dl>
    </section>
  );
}

export default function HelpOutsideBudgetPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("directory");
  return (
    <div className="narrow">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <p>{t("notOnlyWebsite")}</p>
      <p className="inset">{t("examplesNote")}</p>
      <p>
        <a href="/help">{t("urgentLink")}</a>
      </p>
      {d.groups.map((group) => (
        <section key={group.category} aria-labelledby={`category-${group.category}`}>
          <h2 id={`category-${group.category}`}>{t(`categories.${group.category}`)}</h2>
          {group.entries.map((entry) => (
            <DirectoryEntry key={entry.id} entry={entry} />
          ))}
        </section>
      ))}
    </div>
  );
}
