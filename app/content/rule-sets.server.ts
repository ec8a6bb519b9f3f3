import path from "node:path";
import { ruleSetSchema, type RuleSet } from "~/domain/rule-set";
import { ContentError, contentDir, readContentJson } from "./read.server";

/** The rule set used for new calculations unless ACTIVE_RULE_SET names another. */
export const DEFAULT_RULE_SET = "example-2026-1";
const ID = /^[a-z0-9][a-z0-9-]*$/;

export function activeRuleSetId(): string {
  return process.env.ACTIVE_RULE_SET || DEFAULT_RULE_SET;
}

/**
 * A published rule set by id (content/rule-sets/<id>.json) or a draft file by path, validated by the
 * one rule-set schema (which also checks every need area is present with nothing extra).
 */
export function loadRuleSet(ref: string, dir = contentDir()): RuleSet {
  const published = ID.test(ref);
  const rel = published ? `rule-sets/${ref}.json` : path.basename(ref);
  const ruleSet = readContentJson(rel, ruleSetSchema, published ? dir : path.dirname(path.resolve(ref)));
  if (published && ruleSet.id !== ref) throw new ContentError(rel, [`id: "${ruleSet.id}" must match the file name`]);
  return ruleSet;
}
