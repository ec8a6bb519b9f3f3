import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { SubmitButton, ValidatedForm } from "~/components/form";
import { PostForm } from "~/components/post-form";
import { useRootData } from "~/components/root-data";
import { PageTitle } from "~/components/page-title";
import { Pagination } from "~/components/pagination";
import { markReadSchema, openNotificationSchema } from "~/forms/signoff";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { isCalendarDate } from "~/domain/dates";
import type { Language } from "~/domain/languages";
import { replyWithErrors } from "~/lib/responses.server";
import { requireUser } from "~/server/session.server";
import { markAllRead, notificationsPage, openNotification } from "~/models/notifications.server";
import { safeRedirect } from "~/lib/safe-redirect";
import type { Route } from "./+types/notifications";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["signoff"] };

const KINDS = [
  "plan-waiting",
  "plan-reconsider",
  "plan-withdrawn",
  "review-asked",
  "plan-changed",
  "change-request",
  "change-decided",
  "plan-decision",
  "review-due",
  "review-held",
  "helper-joined",
  "helper-removed",
  "contingency-drawn",
  "lead-linked",
  "person-linked",
  "person-moved",
  "panel-decided",
  "category-look-again",
  "grant-asked",
  "grant-decided",
  "voucher-provider",
  "rule-question-answered",
];

/**
 * Which text a notice shows. A review-due notice to the lead professional carries the person's name
 * (a caseload has hundreds of reviews), the person's own does not.
 */
function noticeText(kind: string, params: Record<string, string>): string {
  if (!KINDS.includes(kind)) return "other";
  return kind === "review-due" && params.name ? "review-due-of" : kind;
}

/** A calendar date in a notice is written in words, in the reader's language ("31 December 2026"). */
function writtenParams(params: Record<string, string>, lang: Language): Record<string, string> {
  if (!isCalendarDate(params.date)) return params;
  return { ...params, date: formatDate(params.date, lang) };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requireUser(context, request);
  const lang = languageOf(context);
  const t = translatorOf(context);
  const url = new URL(request.url);
  const { items, page } = await notificationsPage(user.id, url.searchParams.get("page"));
  return {
    page,
    search: url.search,
    items: items.map((n) => ({
      id: n.id,
      // Written here, in the reader's language: the page gets each notice's words, not the parts they are made of.
      text: t(`signoff:notifications.kinds.${noticeText(n.kind, n.params)}`, writtenParams(n.params, lang)),
      // Where it points stays on the server (the action redirects there): the page only needs to know it does.
      opens: n.link !== null,
      date: formatDate(n.createdAt, lang),
      unread: n.readAt === null,
    })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = requireUser(context, request);
  const opening = (await request.clone().formData()).get("intent") === "open";
  if (opening) {
    // Opening a notification marks it read, then goes where it points.
    const form = await parseForm(request, openNotificationSchema);
    if (!form.ok) return replyWithErrors(form);
    const opened = await openNotification(user.id, form.data.id);
    return redirect(opened?.link ? safeRedirect(opened.link, "/notifications") : "/notifications");
  }
  const form = await parseForm(request, markReadSchema);
  if (!form.ok) return replyWithErrors(form);
  await markAllRead(user.id);
  return redirect("/notifications");
}

export default function Notifications({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("signoff");
  const refusal = useActionData<typeof action>();
  // The shell's loader counts the unread notices on every page (the count beside the menu link); every
  // page is a full document load, so that count was read in this same request.
  const anyUnread = (useRootData()?.user?.unread ?? 0) > 0;
  return (
    <>
      <PageTitle>{t("notifications.title")}</PageTitle>
      <h1>{t("notifications.title")}</h1>
      {d.items.length === 0 ? (
        <p>{t("notifications.none")}</p>
      ) : (
        <>
          {/* One form for the list: each notice's button sends its own id, so a page of 25 is not 25 forms. */}
          <PostForm hidden={{ intent: "open" }}>
            <ul className="task-list">
              {d.items.map((n) => (
                <li key={n.id}>
                  <div>
                    {n.opens ? (
                      <button type="submit" name="id" value={n.id} className="link-button">
                        {n.text}
                      </button>
                    ) : (
                      <p>{n.text}</p>
                    )}
                    <p className="hint">{n.date}</p>
                  </div>
                  {n.unread && <span className="tag">{t("notifications.new")}</span>}
                </li>
              ))}
            </ul>
          </PostForm>
          <Pagination page={d.page} search={d.search} />
          {anyUnread && (
            <ValidatedForm
              schema={() => import("~/forms/signoff").then((m) => m.markReadSchema)}
              errors={refusal?.errors}
              labels={{}}
              hidden={{ intent: "read-all" }}
            >
              <SubmitButton className="secondary">{t("notifications.markRead")}</SubmitButton>
            </ValidatedForm>
          )}
        </>
      )}
    </>
  );
}
