import { content } from "~/content/content.server";
import { PAGE_SIZE } from "~/domain/paging";
import type { Language } from "~/domain/localized";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import type { whatMyDataPageShows } from "~/models/my-data.server";
import { needAreaTitle } from "~/views/budget-view.server";

/** One line of "everything held": a label (an account: key) and what is held, in words. */
interface Row {
  label: string;
  value: string;
  /** When the value itself is a label to translate (a role, a kind of helper). */
  valueKey?: string;
}
interface Section {
  heading: string;
  rows: Row[][];
  /** How many there are in all, when the page shows only the newest (the download has every one). */
  total?: number;
}

/**
 * A list that grows for as long as the account is used (sign-ins, notifications, emails): the page shows
 * the newest, a page's worth, and says how many there are; the download has every one.
 */
function newestOf<T>(
  items: readonly T[],
  when: (item: T) => string | null | undefined,
): { items: T[]; total?: number } {
  // Moments are ISO 8601 text of one shape, so they sort as text; one with none sorts last.
  const newest = [...items].sort((a, b) => {
    const [x, y] = [when(a) ?? "", when(b) ?? ""];
    return x < y ? 1 : x > y ? -1 : 0;
  });
  return items.length > PAGE_SIZE ? { items: newest.slice(0, PAGE_SIZE), total: items.length } : { items: newest };
}

/**
 * Everything held about a person, in plain words for the page: headings and labels instead of the
 * download's field names, dates and money as the reader writes them. The JSON download stays as it is.
 */
export function myDataView(
  everything: NonNullable<Awaited<ReturnType<typeof whatMyDataPageShows>>>,
  lang: Language,
): Section[] {
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, lang) : "—");
  const day = (iso: string | null | undefined) => (iso ? formatDate(iso, lang) : "—");
  const ratingText = (area: string, rating: unknown) => {
    const found = content().needAreas.needAreas.find((a) => a.key === area);
    return typeof rating === "number" && found?.ratings[rating] ? found.ratings[rating][lang] : "";
  };
  const { account, record, helpers, invitations, sessions, notifications, assessments, budgets, money, plans, emails } =
    everything;
  const shownSessions = newestOf(sessions, (s) => s.started);
  const shownNotifications = newestOf(notifications, (n) => n.createdAt);
  const shownEmails = newestOf(emails, (m) => m.queuedAt);
  return [
    {
      heading: "myData.sections.account",
      rows: [
        [
          { label: "myData.fields.name", value: account?.name ?? "—" },
          { label: "myData.fields.email", value: account?.email ?? "—" },
          { label: "myData.fields.role", value: "", valueKey: account ? `roles.${account.role}` : undefined },
          { label: "myData.fields.since", value: day(account?.createdAt) },
          { label: "myData.fields.leadProfessional", value: record.leadProfessional?.name ?? "—" },
          { label: "myData.fields.team", value: record.team ?? "—" },
        ],
      ],
    },
    {
      heading: "myData.sections.helpers",
      rows: helpers.map((h) => [
        { label: "myData.fields.name", value: h.name },
        { label: "myData.fields.helperKind", value: "", valueKey: `helpers.kind.${h.kind}` },
        ...(h.authority ? [{ label: "myData.fields.authority", value: "", valueKey: `authority.${h.authority}` }] : []),
        ...(h.actingForReference ? [{ label: "myData.fields.reference", value: h.actingForReference }] : []),
        { label: "myData.fields.since", value: day(h.since) },
        ...(h.removedAt ? [{ label: "myData.fields.removed", value: day(h.removedAt) }] : []),
      ]),
    },
    {
      heading: "myData.sections.invitations",
      rows: invitations.map((i) => [
        { label: "myData.fields.helperKind", value: "", valueKey: `helpers.kind.${i.kind}` },
        { label: "myData.fields.created", value: day(i.createdAt) },
        {
          label: "myData.fields.outcome",
          value: i.acceptedAt ? day(i.acceptedAt) : i.cancelledAt ? day(i.cancelledAt) : "",
          valueKey: i.acceptedAt
            ? "myData.values.accepted"
            : i.cancelledAt
              ? "myData.values.cancelled"
              : "myData.values.open",
        },
      ]),
    },
    {
      heading: "myData.sections.assessment",
      // Every cycle's answers, each with the rating agreed with the lead professional where there is one.
      rows: assessments.flatMap((a) =>
        a.answers.map((answer) => {
          const agreed = a.agreedRatings.filter((r) => r.area === answer.area).at(-1);
          return [
            { label: "myData.fields.cycle", value: String(a.cycle) },
            { label: "myData.fields.area", value: needAreaTitle(answer.area, lang) },
            typeof answer.rating === "number"
              ? { label: "myData.fields.answer", value: ratingText(answer.area, answer.rating) }
              : { label: "myData.fields.answer", value: "", valueKey: "myData.values.ratherNotSay" },
            ...(agreed
              ? [
                  { label: "myData.fields.agreed", value: ratingText(answer.area, agreed.rating) },
                  { label: "myData.fields.reason", value: agreed.reason },
                ]
              : []),
          ];
        }),
      ),
    },
    {
      heading: "myData.sections.plans",
      // Each cycle's plan: the versions sent, every decision with its reasons, every review. The plan's own
      // words are on the plan pages and in the download; its history page shows every save.
      rows: plans.flatMap((p) => [
        [
          { label: "myData.fields.cycle", value: String(p.cycle) },
          { label: "myData.fields.state", value: "", valueKey: `plan:states.${p.state}` },
          { label: "myData.fields.created", value: day(p.createdAt) },
          { label: "myData.fields.saves", value: String(p.saves) },
        ],
        ...p.submissions.map((s) => [
          { label: "myData.fields.cycle", value: String(p.cycle) },
          { label: "myData.fields.sent", value: when(s.sentAt) },
          { label: "myData.fields.version", value: String(s.version) },
          ...(s.reason ? [{ label: "myData.fields.reason", value: s.reason }] : []),
        ]),
        ...p.decisions.map((d) => [
          { label: "myData.fields.cycle", value: String(p.cycle) },
          { label: "myData.fields.decided", value: when(d.decidedAt) },
          { label: "myData.fields.decision", value: "", valueKey: `signoff:decision.kinds.${d.decision}` },
          ...(d.reason ? [{ label: "myData.fields.reason", value: d.reason }] : []),
        ]),
        ...p.reviews.map((r) => [
          { label: "myData.fields.cycle", value: String(p.cycle) },
          { label: "myData.fields.reviewed", value: day(r.heldAt) },
          { label: "myData.fields.whatIsWorking", value: r.whatIsWorking },
          { label: "myData.fields.whatIsNot", value: r.whatIsNot },
          { label: "myData.fields.changesAgreed", value: r.changesAgreed },
        ]),
      ]),
    },
    {
      heading: "myData.sections.budgets",
      rows: budgets.map((b) => [
        { label: "myData.fields.created", value: day(b.createdAt) },
        { label: "myData.fields.total", value: formatMoney(b.totalPence, lang) },
        { label: "myData.fields.nhs", value: formatMoney(b.nhsPence, lang) },
        { label: "myData.fields.council", value: formatMoney(b.councilPence, lang) },
        {
          label: "myData.fields.basis",
          value: "",
          valueKey: b.basis === "agreed" ? "myData.values.agreed" : "myData.values.self",
        },
      ]),
    },
    {
      heading: "myData.sections.money",
      rows: [
        ...money.ledger.map((e) => [
          { label: "myData.fields.date", value: day(e.entryDate) },
          { label: "myData.fields.moneyKind", value: "", valueKey: `myData.values.money.${e.kind}` },
          { label: "myData.fields.amount", value: formatMoney(e.amountPence, lang) },
          ...(e.itemWhat ? [{ label: "myData.fields.item", value: e.itemWhat }] : []),
          ...(e.payee ? [{ label: "myData.fields.payee", value: e.payee }] : []),
          ...(e.note ? [{ label: "myData.fields.note", value: e.note }] : []),
        ]),
        ...money.receipts.map((r) => [
          { label: "myData.fields.receipt", value: r.mediaType },
          { label: "myData.fields.created", value: when(r.uploadedAt) },
        ]),
        ...money.contingencies.map((c) => [
          { label: "myData.fields.contingency", value: formatMoney(c.amountPence, lang) },
          { label: "myData.fields.whatFor", value: c.whatFor },
          { label: "myData.fields.created", value: when(c.agreedAt) },
        ]),
      ],
    },
    {
      heading: "myData.sections.sessions",
      total: shownSessions.total,
      rows: shownSessions.items.map((s) => [
        { label: "myData.fields.started", value: when(s.started) },
        { label: "myData.fields.lastSeen", value: when(s.lastSeen) },
        { label: "myData.fields.ended", value: when(s.ended) },
        { label: "myData.fields.device", value: s.device ?? "—" },
      ]),
    },
    {
      heading: "myData.sections.notifications",
      total: shownNotifications.total,
      rows: shownNotifications.items.map((n) => [
        { label: "myData.fields.created", value: when(n.createdAt) },
        {
          label: "myData.fields.read",
          value: n.readAt ? when(n.readAt) : "",
          valueKey: n.readAt ? undefined : "myData.values.notRead",
        },
      ]),
    },
    {
      heading: "myData.sections.emails",
      total: shownEmails.total,
      rows: shownEmails.items.map((m) => [
        { label: "myData.fields.subject", value: m.subject },
        { label: "myData.fields.created", value: when(m.queuedAt) },
        { label: "myData.fields.sentAt", value: when(m.sentAt) },
      ]),
    },
  ];
}
