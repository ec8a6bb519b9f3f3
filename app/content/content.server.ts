import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { grantRulesSchema } from "~/domain/grants";
import { journeyFileSchema } from "~/domain/journey";
import { moneyRulesSchema } from "~/domain/ledger";
import { LANGUAGES, localizedText, type Language } from "~/domain/localized";
import { checkMenuReferences, CONTENT_PATHS, directoryFileSchema, guidesFileSchema, menuFileSchema, providersFileSchema } from "~/domain/menu";
import { teamsFileSchema } from "~/domain/organisation";
import { lifeAreasFileSchema } from "~/domain/plan";
import { planCheckFileSchema } from "~/domain/plan-criteria";
import { needAreasFileSchema, type RuleSet } from "~/domain/rule-set";
import { retentionRulesSchema } from "~/domain/retention";
import { ContentError, contentDir, readContentJson } from "./read.server";
import { activeRuleSetId, loadRuleSet } from "./rule-sets.server";

/**
 * content/urgent-help.json: the local crisis line, shown beside 999, NHS 111 and Samaritans. Here, not in
 * app/domain/urgent-help.ts, whose rules the assessment page runs in the browser without zod.
 */
const urgentHelpFileSchema = z.strictObject({
  _about: z.string().optional(),
  localCrisisLine: z.strictObject({
    name: localizedText,
    phone: z.string().regex(/^[0-9 ]{3,20}$/),
    hours: localizedText,
  }),
});

/** A translation file: nested objects of strings. Keys starting with "_" are notes for translators. */
type Messages = { [key: string]: string | Messages };
const messagesSchema: z.ZodType<Messages> = z.lazy(() => z.record(z.string(), z.union([z.string(), messagesSchema])));

export type Locales = Record<Language, Record<string, Messages>>;

function loadLocales(dir: string): Locales {
  const localesDir = path.join(dir, "locales");
  const namespaces = readdirSync(path.join(localesDir, "en"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
  const locales = {} as Locales;
  for (const lang of LANGUAGES) {
    locales[lang] = {};
    for (const ns of namespaces) {
      const rel = path.join("locales", lang, `${ns}.json`);
      if (!statSync(path.join(dir, rel), { throwIfNoEntry: false })) {
        throw new ContentError(rel, ["(file): missing: every language needs every namespace English has"]);
      }
      locales[lang][ns] = readContentJson(rel, messagesSchema, dir);
    }
  }
  return locales;
}

/** Every published rule set, by id; old records keep pointing at the one they were made with. */
function loadRuleSets(dir: string): Map<string, RuleSet> {
  const ids = readdirSync(path.join(dir, "rule-sets"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5));
  return new Map(ids.map((id) => [id, loadRuleSet(id, dir)]));
}

/** Loads and validates every content file. A bad file throws ContentError and start-up stops. */
export function loadContent(dir = contentDir()) {
  const locales = loadLocales(dir);
  const ruleSets = loadRuleSets(dir);
  const activeRuleSet = activeRuleSetId();
  if (!ruleSets.has(activeRuleSet)) {
    throw new ContentError(`rule-sets/${activeRuleSet}.json`, [`ACTIVE_RULE_SET names "${activeRuleSet}", but there is no such rule set`]);
  }
  const menu = readContentJson(CONTENT_PATHS.menu, menuFileSchema, dir);
  const providers = readContentJson(CONTENT_PATHS.providers, providersFileSchema, dir);
  const directory = readContentJson(CONTENT_PATHS.directory, directoryFileSchema, dir);
  const references = checkMenuReferences(menu, providers, directory);
  if (references.length > 0) throw new ContentError(CONTENT_PATHS.menu, references);
  return {
    dir,
    locales,
    namespaces: Object.keys(locales.en),
    needAreas: readContentJson("need-areas.json", needAreasFileSchema, dir),
    ruleSets,
    activeRuleSet,
    menu,
    providers,
    directory,
    guides: readContentJson(CONTENT_PATHS.guides, guidesFileSchema, dir),
    journey: readContentJson("journey.json", journeyFileSchema, dir),
    lifeAreas: readContentJson("life-areas.json", lifeAreasFileSchema, dir),
    planCheck: readContentJson("plan-check.json", planCheckFileSchema, dir),
    money: readContentJson("money.json", moneyRulesSchema, dir),
    grants: readContentJson("grants.json", grantRulesSchema, dir),
    retention: readContentJson("retention.json", retentionRulesSchema, dir),
    teams: readContentJson("teams.json", teamsFileSchema, dir),
    urgentHelp: readContentJson("urgent-help.json", urgentHelpFileSchema, dir),
  };
}

export type Content = ReturnType<typeof loadContent>;

let loaded: Content | undefined;

export function content(): Content {
  loaded ??= loadContent();
  return loaded;
}
