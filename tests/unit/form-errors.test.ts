import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LANGUAGES } from "~/domain/languages";
import * as accountForms from "~/forms/account";
import * as assessmentForms from "~/forms/assessment";
import * as planSectionForms from "~/forms/plan-sections";
import * as planForms from "~/forms/plan";
import * as signoffForms from "~/forms/signoff";
import { errorsFromIssues } from "~/lib/forms";
import { errorParts } from "~/lib/form-messages";

// Every form's schema, by its exported name; a schema made for a plan's own outcomes is made for two.
const schemas = (
  Object.entries({ ...accountForms, ...assessmentForms, ...planSectionForms, ...planForms, ...signoffForms }) as [
    string,
    unknown,
  ][]
)
  .map(([name, value]): [string, unknown] => {
    if (typeof value !== "function" || value instanceof z.ZodType || !name.endsWith("Schema")) return [name, value];
    try {
      return [name, (value as (arg: unknown) => unknown)(["o1", "o2"])];
    } catch {
      return [name, undefined];
    }
  })
  .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType);

/** The field names a form schema reads (through refinements, pipes and unions). */
function fieldsOf(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; def?: { in?: unknown; out?: unknown; options?: unknown[] } };
  if (s.shape) return Object.keys(s.shape);
  if (s.def?.options) return s.def.options.flatMap(fieldsOf);
  if (s.def?.in) return [...fieldsOf(s.def.in), ...(s.def.out ? fieldsOf(s.def.out) : [])];
  return [];
}

// What people (and browsers) really send: nothing, an unchosen radio, blanks, odd types, too much.
const HOSTILE: unknown[] = [null, "", " ", "x", "-1", "0", "on", 12345, true, ["a", "b"], "x".repeat(5001), {}];

function messagesFrom(schema: z.ZodType): Set<string> {
  const fields = fieldsOf(schema);
  const seen = new Set<string>();
  const collect = (input: unknown) => {
    const result = schema.safeParse(input);
    if (!result.success) for (const m of Object.values(errorsFromIssues(result.error.issues))) seen.add(m);
  };
  collect({});
  collect(null);
  collect({ unexpected: "1" });
  for (const value of HOSTILE) {
    collect(Object.fromEntries(fields.map((f) => [f, value])));
    // One field wrong at a time, the others blank.
    for (const field of fields) collect({ ...Object.fromEntries(fields.map((f) => [f, ""])), [field]: value });
  }
  return seen;
}

function translator(lng: string) {
  const dir = join(process.cwd(), "content/locales", lng);
  const resources = Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(dir, f), "utf8"))]),
  );
  const i18n = createInstance();
  void i18n.init({
    lng,
    resources: { [lng]: resources },
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
  });
  return i18n;
}

// Words from zod's own messages and from the framework that must never reach a person.
const DEVELOPER_TEXT =
  /invalid input|expected|received|too (small|big)|zod|undefined|null|NaN|\{\{|\[object|Unexpected|Error:|errors\./i;

describe("every message a form can show is written for people, in every language", () => {
  it("finds the forms", () => {
    expect(schemas.length).toBeGreaterThan(25);
  });

  for (const lng of LANGUAGES) {
    const i18n = translator(lng);
    it(`${lng}: every error of every form is one of our messages, translated, with no schema text`, () => {
      const problems: string[] = [];
      for (const [name, schema] of schemas) {
        for (const message of messagesFrom(schema)) {
          const { key, params } = errorParts(message);
          if (!i18n.exists(key)) {
            problems.push(`${name}: "${message}" is not a message of ours`);
            continue;
          }
          const text = i18n.t(key, { max: 2000, minutes: 5, ...params });
          if (DEVELOPER_TEXT.test(text) || text.trim() === "") problems.push(`${name}: "${key}" reads "${text}"`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
