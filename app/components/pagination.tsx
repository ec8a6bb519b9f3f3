import { useTranslation } from "~/lib/use-translation";
import { pageNumbers, type Page } from "~/domain/paging";

/**
 * GOV.UK pagination: previous and next links, the page numbers with gaps, the current page marked.
 * Plain links with the page in the query (`param`, default "page"), so it works without JavaScript;
 * other query parameters (another list's page on the same screen) are kept.
 */
export function Pagination({
  page,
  param = "page",
  search = "",
  list,
}: {
  page: Page;
  param?: string;
  search?: string;
  /** The list's name, when a screen has more than one paged list (each navigation needs its own label). */
  list?: string;
}) {
  const { t } = useTranslation("common");
  if (page.pages <= 1) return null;
  const href = (n: number) => {
    const query = new URLSearchParams(search);
    if (n === 1) query.delete(param);
    else query.set(param, String(n));
    const text = query.toString();
    return text ? `?${text}` : "?";
  };
  return (
    <nav className="pagination" aria-label={list ? t("pagination.labelFor", { list }) : t("pagination.label")}>
      <p className="hint">{t("pagination.showing", { page: page.page, pages: page.pages, total: page.total })}</p>
      {page.page > 1 && (
        <div className="pagination__prev">
          <a href={href(page.page - 1)} rel="prev">
            <span aria-hidden="true">‹ </span>
            {t("pagination.previous")}
          </a>
        </div>
      )}
      <ul className="pagination__list">
        {pageNumbers(page.page, page.pages).map((n, i) =>
          n === "gap" ? (
            <li key={`gap-${i}`} className="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n} className={n === page.page ? "pagination__item pagination__item--current" : "pagination__item"}>
              <a
                href={href(n)}
                aria-label={t("pagination.page", { n })}
                aria-current={n === page.page ? "page" : undefined}
              >
                {n}
              </a>
            </li>
          ),
        )}
      </ul>
      {page.page < page.pages && (
        <div className="pagination__next">
          <a href={href(page.page + 1)} rel="next">
            {t("pagination.next")}
            <span aria-hidden="true"> ›</span>
          </a>
        </div>
      )}
    </nav>
  );
}
