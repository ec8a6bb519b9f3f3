import { index, prefix, route, type RouteConfig } from "@react-router/dev/routes";

/**
 * The map of the service: every address, grouped as people meet them. Each folder under
 * app/routes is one part of the service; helpers only its routes use sit beside them.
 */
export default [
  // Public pages: anyone, signed in or not.
  index("routes/public/start.tsx"),
  route("help", "routes/public/help.tsx"),
  route("menu", "routes/public/menu.tsx"),
  // Contestable rules: anyone questions a rule; the commissioners' reply is recorded (scheme/questions).
  route("menu/:entryId/question", "routes/public/menu-question.tsx"),
  route("help-outside-budget", "routes/public/help-outside-budget.tsx"),
  route("guides", "routes/public/guides.tsx"),
  route("guides/:guideId", "routes/public/guide.tsx"),
  route("language", "routes/public/language.ts"),
  route("translations/:lang/:version/:set", "routes/public/translations.ts"),
  route("healthz", "routes/public/healthz.ts"),
  route("test-error", "routes/public/test-error.tsx"),

  // Accounts: signing up, in and out, the account's own settings, home and notifications.
  route("sign-up", "routes/account/sign-up.tsx"),
  route("sign-up/confirm", "routes/account/sign-up-confirm.tsx"),
  route("sign-in", "routes/account/sign-in.tsx"),
  route("sign-in/code", "routes/account/sign-in-code.tsx"),
  route("sign-out", "routes/account/sign-out.tsx"),
  route("signed-out", "routes/account/signed-out.tsx"),
  route("invitation", "routes/account/invitation.tsx"),
  route("account/password", "routes/account/password.tsx"),
  route("account/sessions", "routes/account/sessions.tsx"),
  route("session/keep-alive", "routes/account/keep-alive.ts"),
  route("home", "routes/account/home.tsx"),
  route("notifications", "routes/account/notifications.tsx"),

  // The person's record: who may see it, what is held, the journey through the seven stages.
  ...prefix("people/:personId", [
    index("routes/record/record.tsx"),
    route("helpers", "routes/record/helpers.tsx"),
    route("audit", "routes/record/audit.tsx"),
    route("my-data", "routes/record/my-data.tsx"),
    route("my-data.json", "routes/record/my-data-json.ts"),
    route("journey", "routes/record/journey.tsx"),
    route("team", "routes/record/team.tsx"),

    // Stage 1: identifying need (the self-assessment), and the lead professional's agreed ratings.
    ...prefix("assessment", [
      index("routes/assessment/start.tsx"),
      route("informal", "routes/assessment/informal.tsx"),
      route("check", "routes/assessment/check.tsx"),
      route("agree", "routes/assessment/agree.tsx"),
      route(":area", "routes/assessment/question.tsx"),
    ]),

    // Stage 2: the indicative budget and how it was worked out.
    route("budget", "routes/budget/budget.tsx"),
    // The third form of rule set: the lead professional places the person in a category, with a
    // reason; the person may ask for it to be looked at again.
    route("budget/category", "routes/budget/category.tsx"),
    route("budget/look-again", "routes/budget/look-again.tsx"),

    // Small grants for people below the threshold: a few questions, the team's answer with its
    // reason, and a simple record of spending from a sum granted.
    route("grants", "routes/grants/grants.tsx"),
    route("grants/apply", "routes/grants/apply.tsx"),
    route("grants/:grantId", "routes/grants/grant.tsx"),

    // Treatment vouchers: sessions of a controlled treatment instead of money; the person chooses (and
    // may switch) the accredited provider; the lead professional records the provider's claims.
    route("vouchers", "routes/vouchers/vouchers.tsx"),
    route("vouchers/:voucherId", "routes/vouchers/voucher.tsx"),

    // Stages 2, 3, 5, 6 and 7: the plan, part by part.
    ...prefix("plan", [
      index("routes/plan/plan.tsx"),
      route("resources", "routes/plan/resources.tsx"),
      route("outcomes", "routes/plan/outcomes.tsx"),
      route("items", "routes/plan/items.tsx"),
      route("items/new/:entryId", "routes/plan/item-new.tsx"),
      route("items/:itemId", "routes/plan/item-change.tsx"),
      route("free-support", "routes/plan/free-support.tsx"),
      route("risks", "routes/plan/risks.tsx"),
      route("crisis", "routes/plan/crisis.tsx"),
      route("decisions", "routes/plan/decisions.tsx"),
      route("history", "routes/plan/history.tsx"),
      route("print", "routes/plan/print.tsx"),
      route("cycles/:cycle", "routes/plan/cycle.tsx"),
      route("organising", "routes/plan/organising.tsx"),
      route("using", "routes/plan/using.tsx"),
      route("reflecting", "routes/plan/reflecting.tsx"),

      // Stage 4 and the stage 7 review: sending, the lead professional's decision, the review meeting.
      route("submit", "routes/signoff/submit.tsx"),
      route("decision", "routes/signoff/decision.tsx"),
      route("review", "routes/signoff/review.tsx"),
      route("review-meeting", "routes/signoff/review-meeting.tsx"),
      // Changes after sign-off beyond the allowed share: the lead professional agrees them or not.
      route("change-requests", "routes/signoff/change-requests.tsx"),
    ]),

    // Stages 5 and 6, the money: received, spent against each item, statements, receipts, the
    // crisis contingency and the monitoring return.
    ...prefix("spending", [
      index("routes/spending/spending.tsx"),
      route("received", "routes/spending/received.tsx"),
      route("record", "routes/spending/record.tsx"),
      route("import", "routes/spending/import.tsx"),
      route("import/:importId", "routes/spending/statement.tsx"),
      route("receipts", "routes/spending/receipts.tsx"),
      route("receipts/:receiptId", "routes/spending/receipt-file.ts"),
      route("contingency", "routes/spending/contingency.tsx"),
      route("return", "routes/spending/return.tsx"),
      route("return.csv", "routes/spending/return-csv.ts"),
    ]),
  ]),

  // The professional's side: plans waiting for them, and linking people to lead professionals.
  route("queue", "routes/caseload/queue.tsx"),
  route("panel", "routes/caseload/panel.tsx"),
  route("team", "routes/caseload/team.tsx"),

  // What the scheme learns: anonymised figures for commissioners (every team) and team administrators.
  route("insights", "routes/insights/insights.tsx"),
  route("insights/team", "routes/insights/team.tsx"),
  route("insights.json", "routes/insights/download-json.ts"),
  route("insights.csv", "routes/insights/download-csv.ts"),
  // Running a team: staff by invitation with a second factor, roles, the panel, leavers.
  route("team/staff", "routes/staff/members.tsx"),
  route("team/staff/:userId", "routes/staff/member.tsx"),
  route("join/:token", "routes/staff/join.tsx"),
  route("account/second-factor", "routes/account/second-factor.tsx"),
  // The scheme's rules, run by commissioners: rule sets, trying them against cases, the menu.
  ...prefix("scheme", [
    index("routes/scheme/rule-sets.tsx"),
    route("rule-sets/:ruleSetId", "routes/scheme/rule-set.tsx"),
    route("rule-sets/:ruleSetId/rule-set.json", "routes/scheme/rule-set-json.ts"),
    route("rule-sets/:ruleSetId/edit", "routes/scheme/rule-set-edit.tsx"),
    route("rule-sets/:ruleSetId/try", "routes/scheme/rule-set-try.tsx"),
    route("menu", "routes/scheme/menu.tsx"),
    // The menu maintained: entries of all four kinds ("new" adds one) and accredited providers.
    route("menu/entries/:entryId", "routes/scheme/menu-entry.tsx"),
    route("menu/entries/:entryId/retire", "routes/scheme/menu-retire.tsx"),
    route("providers", "routes/scheme/providers.tsx"),
    route("providers/:providerId", "routes/scheme/provider.tsx"),
    // Questions about the rules from the public menu, oldest waiting first, and the replies.
    route("questions", "routes/scheme/questions.tsx"),
    route("questions/:questionId", "routes/scheme/question.tsx"),
  ]),

  // Anything else: a friendly "page not found".
  route("*", "routes/public/not-found.tsx"),
] satisfies RouteConfig;
