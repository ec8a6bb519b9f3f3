import type { TFunction } from "i18next";
import type { Language } from "~/domain/languages";
import type { HistoryLine } from "~/domain/history-words";
import { formatDateTime, formatMoney } from "~/lib/format";
import type { historyOf } from "~/models/journey.server";

type HistoryRow = Awaited<ReturnType<typeof historyOf>>["rows"][number];

/** The "who" sentence of each capacity (journey-ui:history.*). */
const WHO: Record<HistoryRow["who"], string> = {
  self: "history.bySelf",
  "acting-for": "history.byActingFor",
  supporting: "history.bySupporting",
  "peer-broker": "history.byPeerBroker",
  "lead-professional": "history.byLead",
  "team-member": "history.byTeamMember",
  "carried-forward": "history.carriedForward",
  helping: "history.byHelping",
};

/** One line of what changed, as a sentence: field names and choices translated, money formatted. */
function sentence(line: HistoryLine, lang: Language, t: TFunction): string {
  const field = (name: string) => t(`journey-ui:history.fields.${name}`);
  switch (line.op) {
    case "added":
      return t("journey-ui:history.added", { words: line.words });
    case "removed":
      return t("journey-ui:history.removed", { words: line.words });
    case "changed": {
      const fields = line.fields.map(field).join(", ");
      return line.words
        ? t("journey-ui:history.changed", { words: line.words, fields })
        : t("journey-ui:history.changedFields", { fields });
    }
    case "text":
      return line.words
        ? t("journey-ui:history.text", { field: field(line.field), words: line.words })
        : t("journey-ui:history.textEmptied", { field: field(line.field) });
    case "choice":
      return line.choice
        ? t("journey-ui:history.choice", {
            field: field(line.field),
            choice: t(`plan:management.${line.choice}.name`),
          })
        : t("journey-ui:history.choiceNone", { field: field(line.field) });
    case "moved":
      return t("journey-ui:history.moved", {
        amount: formatMoney(line.amountPence, lang),
        from: line.from,
        to: line.to,
      });
    case "decided":
      return t(line.agreed ? "journey-ui:history.decidedAgreed" : "journey-ui:history.decidedNotAgreed", {
        from: line.from,
        to: line.to,
        reason: line.reason,
      });
  }
}

/** The plan's history as the page shows it: when, who (in what capacity), which part, and what changed in plain words. */
export function historyView(rows: HistoryRow[], lang: Language, t: TFunction) {
  return rows.map((row) => ({
    seq: row.seq,
    section: row.section,
    conflict: row.conflict,
    when: formatDateTime(row.savedAt, lang),
    who: t(`journey-ui:${WHO[row.who]}`, { actor: row.by, person: row.person, cycle: row.fromCycle }),
    lines:
      row.kept.length > 0
        ? [t("journey-ui:history.kept", { words: row.kept.join(" · ") })]
        : row.lines.length > 0
          ? row.lines.map((line) => sentence(line, lang, t))
          : [t("journey-ui:history.savedUnchanged")],
  }));
}
