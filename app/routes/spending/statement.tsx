import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import {
  DATE_ORDERS,
  mappingFits,
  readStatement,
  suggestItem,
  suggestSource,
  type StatementLine,
} from "~/domain/statement";
import { confirmFormSchema, mappingFormSchema } from "~/forms/money";
import { formatDate, formatMoney } from "~/lib/format";
import { errorWith } from "~/lib/form-messages";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import {
  findImport,
  knownFingerprints,
  markImportConfirmed,
  payeeMemory,
  recordEntries,
  rememberedMapping,
  rememberMapping,
  type MoneyPlan,
  type NewEntry,
} from "~/models/money.server";
import { requireRecordAccess, type RecordAccess } from "~/server/access.server";
import { requireRecorder } from "./money-access.server";
import { readCsv } from "./uploads.server";
import type { Route } from "./+types/statement";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["money"] };

/** The statement waiting to be confirmed, for this person and this signed-off plan only. */
async function loadStatement(access: RecordAccess, importId: string) {
  const money = await requireRecorder(access);
  const found = /^[0-9a-f-]{36}$/.test(importId) ? await findImport(access.person.id, importId) : undefined;
  if (!money || !found || found.planId !== money.planId) throw data(null, { status: 404 });
  const csv = readCsv(found.csv);
  if (!csv.ok) throw data(null, { status: 404 });
  return { money, found, headers: csv.headers, rows: csv.rows };
}

const choiceFor = (line: StatementLine, money: MoneyPlan, memory: Awaited<ReturnType<typeof payeeMemory>>) => {
  if (line.amountPence > 0) return `${line.line}:received:${suggestSource(line.description)}`;
  const item = suggestItem(line, money.items, memory);
  return item ? `${line.line}:item:${item}` : `${line.line}:set-aside`;
};

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const { money, found, headers, rows } = await loadStatement(access, params.importId);
  const lang = languageOf(context);
  const remembered = await rememberedMapping(access.person.id);
  const remap = new URL(request.url).searchParams.get("remap") === "1";
  const mapping = mappingFits(remembered, headers) && !remap ? remembered : null;
  const read = mapping ? readStatement(rows, mapping) : null;
  const lines = read?.ok ? read.lines : [];
  const known = await knownFingerprints(
    access.person.id,
    lines.map((l) => l.fingerprint),
  );
  const memory = await payeeMemory(money.planId);
  return {
    personId: access.person.id,
    importId: found.id,
    confirmed: Boolean(found.confirmedAt),
    headers,
    mapping: remembered,
    needsMapping: !mapping,
    errors: read && !read.ok ? read.errors : [],
    items: money.items.map((i) => ({ id: i.id, what: i.what })),
    lines: lines.map((l) => ({
      line: l.line,
      date: formatDate(l.date, lang),
      description: l.description,
      amount: formatMoney(Math.abs(l.amountPence), lang),
      direction: l.amountPence > 0 ? ("in" as const) : ("out" as const),
      duplicate: known.has(l.fingerprint),
      suggested: choiceFor(l, money, memory),
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const { money, found, headers, rows } = await loadStatement(access, params.importId);
  const formData = await request.formData();
  const page = `/people/${access.person.id}/spending/import/${found.id}`;
  if (formData.get("intent") === "map") {
    const form = parseFormValues(formData, mappingFormSchema);
    if (!form.ok) return replyWithErrors(form);
    const columns = {
      dateColumn: form.data.dateColumn,
      descriptionColumn: form.data.descriptionColumn,
      amountColumn: form.data.amountColumn,
    };
    const missing = Object.entries(columns).find(([, column]) => !headers.includes(column));
    if (missing) return replyWithErrors(fieldErrors(form.values, { [missing[0]]: "money:errors.column" }));
    await rememberMapping(access.person.id, access.actor.id, {
      date: form.data.dateColumn,
      description: form.data.descriptionColumn,
      amount: form.data.amountColumn,
      dateOrder: form.data.dateOrder,
    });
    return redirect(page);
  }
  const form = parseFormValues(formData, confirmFormSchema);
  if (!form.ok) return replyWithErrors(form);
  if (found.confirmedAt) return replyWithErrors(fieldErrors(form.values, { _form: "money:import.alreadyConfirmed" }));
  const mapping = await rememberedMapping(access.person.id);
  if (!mapping || !mappingFits(mapping, headers))
    return replyWithErrors(fieldErrors(form.values, { _form: "money:import.chooseColumns" }));
  const read = readStatement(rows, mapping);
  if (!read.ok) {
    const first = read.errors[0]!;
    return replyWithErrors(fieldErrors(form.values, { _form: errorWith(first.key, { line: first.line }) }));
  }
  const known = await knownFingerprints(
    access.person.id,
    read.lines.map((l) => l.fingerprint),
  );
  const chosen = new Map(
    form.data.choice.map((c) => {
      const at = c.indexOf(":");
      return [Number(c.slice(0, at)), c.slice(at + 1)] as const;
    }),
  );
  const entries: NewEntry[] = [];
  for (const line of read.lines) {
    if (known.has(line.fingerprint)) continue;
    const choice = chosen.get(line.line) ?? "set-aside";
    if (choice === "set-aside") continue;
    const base = {
      date: line.date,
      amountPence: Math.abs(line.amountPence),
      payee: line.description,
      fingerprint: line.fingerprint,
      importId: found.id,
    };
    const wrongWay = choice.startsWith("received:") ? line.amountPence < 0 : line.amountPence > 0;
    if (wrongWay)
      return replyWithErrors(
        fieldErrors(form.values, { _form: errorWith("money:import.wrongWay", { line: line.line }) }),
      );
    if (choice.startsWith("received:"))
      entries.push({ ...base, kind: "received", source: choice.slice(9) as "nhs" | "council" });
    else if (choice === "not-in-plan") entries.push({ ...base, kind: "spent", itemId: null, sector: "community" });
    else entries.push({ ...base, kind: "spent", itemId: choice.slice(5), sector: "community" });
  }
  if (entries.length > 0) {
    let result: Awaited<ReturnType<typeof recordEntries>>;
    try {
      result = await recordEntries(money, access.person.id, access.actor.id, entries);
    } catch {
      // Another import of the same lines landed first: the unique fingerprint refused the lot.
      return replyWithErrors(fieldErrors(form.values, { _form: "money:import.alreadyConfirmed" }));
    }
    if (!result.ok) {
      const line = read.lines.find((l) => l.fingerprint === entries[result.index]!.fingerprint)?.line ?? 0;
      return replyWithErrors(fieldErrors(form.values, { _form: errorWith("money:import.lineRefused", { line }) }));
    }
  }
  await markImportConfirmed(found.id);
  return redirect(`/people/${access.person.id}/spending?done=imported`);
}

export default function Statement({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("money");
  const refusal = useActionData<typeof action>();
  const base = `/people/${d.personId}/spending`;
  const headerOptions = d.headers.map((h) => ({ value: h, label: h }));
  const mapLabels = {
    dateColumn: t("import.dateColumn"),
    descriptionColumn: t("import.descriptionColumn"),
    amountColumn: t("import.amountColumn"),
    dateOrder: t("import.dateOrder"),
  };
  const mappingValues =
    refusal?.values?.intent === "map"
      ? refusal.values
      : d.mapping
        ? {
            dateColumn: d.mapping.date,
            descriptionColumn: d.mapping.description,
            amountColumn: d.mapping.amount,
            dateOrder: d.mapping.dateOrder,
          }
        : { dateOrder: "day-first" };
  const choiceOptions = (direction: "in" | "out", line: number) =>
    direction === "in"
      ? [
          { value: `${line}:received:council`, label: t("import.receivedCouncil") },
          { value: `${line}:received:nhs`, label: t("import.receivedNhs") },
          { value: `${line}:set-aside`, label: t("import.setAside") },
        ]
      : [
          ...d.items.map((i) => ({ value: `${line}:item:${i.id}`, label: i.what })),
          { value: `${line}:not-in-plan`, label: t("import.notInPlan") },
          { value: `${line}:set-aside`, label: t("import.setAside") },
        ];
  const toBring = d.lines.filter((l) => !l.duplicate).length;
  return (
    <>
      <PageTitle error={Boolean(refusal) || d.errors.length > 0}>{t("import.checkTitle")}</PageTitle>
      <p>
        <a href={base}>{t("backToMoney")}</a>
      </p>
      <h1>{t("import.checkTitle")}</h1>
      {d.confirmed ? (
        <p className="confirmation">{t("import.alreadyConfirmed")}</p>
      ) : d.needsMapping || refusal?.values?.intent === "map" ? (
        <>
          <p>{t("import.mappingIntro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/money").then((m) => m.mappingFormSchema)}
            values={mappingValues}
            errors={refusal?.values?.intent === "map" ? refusal.errors : undefined}
            labels={mapLabels}
            hidden={{ intent: "map" }}
          >
            <ChoiceField name="dateColumn" legend={mapLabels.dateColumn} options={headerOptions} />
            <ChoiceField name="descriptionColumn" legend={mapLabels.descriptionColumn} options={headerOptions} />
            <ChoiceField
              name="amountColumn"
              legend={mapLabels.amountColumn}
              hint={t("import.amountHint")}
              options={headerOptions}
            />
            <ChoiceField
              name="dateOrder"
              legend={mapLabels.dateOrder}
              options={DATE_ORDERS.map((o) => ({ value: o, label: t(`import.dateOrders.${o}`) }))}
            />
            <SubmitButton>{t("import.useColumns")}</SubmitButton>
          </ValidatedForm>
        </>
      ) : d.errors.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="statement-errors" tabIndex={-1}>
          <h2 id="statement-errors">{t("import.errorsTitle")}</h2>
          <ul className="list" data-testid="line-errors">
            {d.errors.map((e) => (
              <li key={e.line}>{t(e.key, { line: e.line })}</li>
            ))}
          </ul>
          <p>{t("import.nothingRecorded")}</p>
          <p>
            <a href={`${base}/import`}>{t("import.tryAgain")}</a> ·{" "}
            <a href={`${base}/import/${d.importId}?remap=1`}>{t("import.otherColumns")}</a>
          </p>
        </div>
      ) : (
        <>
          <p>{t("import.checkIntro", { count: toBring })}</p>
          <p>
            <a href={`${base}/import/${d.importId}?remap=1`}>{t("import.otherColumns")}</a>
          </p>
          <ValidatedForm
            schema={() => import("~/forms/money").then((m) => m.confirmFormSchema)}
            errors={refusal?.errors}
            labels={{}}
            hidden={{ intent: "confirm" }}
          >
            <table data-testid="statement-lines">
              <caption className="visually-hidden">{t("import.checkTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.date")}</th>
                  <th scope="col">{t("import.description")}</th>
                  <th scope="col" className="num">
                    {t("import.moneyIn")}
                  </th>
                  <th scope="col" className="num">
                    {t("import.moneyOut")}
                  </th>
                  <th scope="col">{t("import.whatFor")}</th>
                </tr>
              </thead>
              <tbody>
                {d.lines.map((l) => (
                  <tr key={l.line} data-line={l.line}>
                    <td>{l.line}</td>
                    <td>{l.date}</td>
                    <td>{l.description}</td>
                    <td className="num">{l.direction === "in" ? l.amount : ""}</td>
                    <td className="num">{l.direction === "out" ? l.amount : ""}</td>
                    <td>
                      {l.duplicate ? (
                        <span className="tag tag--grey">{t("import.duplicate")}</span>
                      ) : (
                        <>
                          <label className="visually-hidden" htmlFor={`line-${l.line}`}>
                            {t("import.choiceLabel", { line: l.line })}
                          </label>
                          <select id={`line-${l.line}`} name="choice" defaultValue={l.suggested}>
                            {choiceOptions(l.direction, l.line).map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.label}
                              </option>
                            ))}
                          </select>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <SubmitButton>{t("import.confirm")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
    </>
  );
}
