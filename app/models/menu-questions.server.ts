import { and, asc, count, eq, gte, isNull, sql } from "drizzle-orm";
import { createHmac, randomUUID } from "node:crypto";
import { menuQuestionReplies, menuQuestions } from "../../db/schema";
import { mayAskAnother, QUESTION_WINDOW_MS, replyRoute, type ReplyRoute } from "~/domain/menu-questions";
import { publicUrl, sessionSecret } from "~/lib/config.server";
import { db, firstRow, preparedQuery, transaction, rowsChanged } from "~/lib/db.server";
import { addressKey } from "~/lib/throttle";
import { audit } from "./audit.server";
import { notify } from "./notifications.server";
import { emailWords, queueEmailTo } from "./outbox.server";

/** Who sent a question, for throttling only: the account when signed in, else the address; never stored as it is. */
function senderKey(userId: string | null, address: string): string {
  const key = userId ? `user:${userId}` : addressKey(address);
  return createHmac("sha256", sessionSecret()).update(key).digest("hex");
}

/**
 * Records a question about a rule, unless the sender has sent too many in the last hour. Counted and
 * written in one immediate transaction, so a burst sent at once cannot get past the limit.
 */
export async function askAboutRule(q: {
  entryId: string;
  menuVersion: string;
  userId: string | null;
  replyEmail: string | null;
  message: string;
  address: string;
}): Promise<{ ok: true } | { ok: false; reason: "throttled" }> {
  const key = senderKey(q.userId, q.address);
  const since = new Date(Date.now() - QUESTION_WINDOW_MS).toISOString();
  const id = randomUUID();
  const taken = await transaction(async () => {
    const recent =
      (
        await firstRow(
          db()
            .select({ n: count() })
            .from(menuQuestions)
            .where(and(eq(menuQuestions.senderKey, key), gte(menuQuestions.askedAt, since))),
        )
      )?.n ?? 0;
    if (!mayAskAnother(recent)) return false;
    await db()
      .insert(menuQuestions)
      .values({
        id,
        entryId: q.entryId,
        menuVersion: q.menuVersion,
        userId: q.userId,
        replyEmail: q.userId ? null : q.replyEmail,
        message: q.message,
        senderKey: key,
        askedAt: new Date().toISOString(),
      });
    return true;
  });
  await audit({
    actorId: q.userId,
    action: "question-rule",
    target: q.entryId,
    result: taken ? "ok" : "refused",
    detail: taken ? { questionId: id } : { reason: "throttled" },
  });
  return taken ? { ok: true } : { ok: false, reason: "throttled" };
}

export type RuleQuestion = {
  id: string;
  entryId: string;
  menuVersion: string;
  message: string;
  askedAt: string;
  /** How the reply reaches the asker: who they are and their email never leave this module. */
  route: ReplyRoute;
  reply: string | null;
  repliedAt: string | null;
};

const questionColumns = {
  id: menuQuestions.id,
  entryId: menuQuestions.entryId,
  menuVersion: menuQuestions.menuVersion,
  message: menuQuestions.message,
  askedAt: menuQuestions.askedAt,
  userId: menuQuestions.userId,
  replyEmail: menuQuestions.replyEmail,
  reply: menuQuestionReplies.reply,
  repliedAt: menuQuestionReplies.repliedAt,
};

function shaped(r: {
  id: string;
  entryId: string;
  menuVersion: string;
  message: string;
  askedAt: string;
  userId: string | null;
  replyEmail: string | null;
  reply: string | null;
  repliedAt: string | null;
}): RuleQuestion {
  // Who asked and their email never leave this module: the inbox shows only how a reply reaches them.
  return {
    id: r.id,
    entryId: r.entryId,
    menuVersion: r.menuVersion,
    message: r.message,
    askedAt: r.askedAt,
    route: replyRoute(r),
    reply: r.reply,
    repliedAt: r.repliedAt,
  };
}

/** Every question with its reply, if any (the inbox orders them). */
export async function allRuleQuestions(): Promise<RuleQuestion[]> {
  return (
    await db()
      .select(questionColumns)
      .from(menuQuestions)
      .leftJoin(menuQuestionReplies, eq(menuQuestionReplies.questionId, menuQuestions.id))
      .orderBy(asc(menuQuestions.askedAt))
  ).map(shaped);
}

/** How many questions wait for a reply. */
export async function waitingQuestionCount(): Promise<number> {
  return (
    (
      await firstRow(
        db()
          .select({ n: count() })
          .from(menuQuestions)
          .leftJoin(menuQuestionReplies, eq(menuQuestionReplies.questionId, menuQuestions.id))
          .where(isNull(menuQuestionReplies.id)),
      )
    )?.n ?? 0
  );
}

export async function ruleQuestion(id: string): Promise<RuleQuestion | undefined> {
  const row = await firstRow(
    db()
      .select(questionColumns)
      .from(menuQuestions)
      .leftJoin(menuQuestionReplies, eq(menuQuestionReplies.questionId, menuQuestions.id))
      .where(eq(menuQuestions.id, id)),
  );
  return row ? shaped(row) : undefined;
}

/** A signed-in person's own questions about one rule, with the replies: shown to them on the question page. */
export async function myRuleQuestions(userId: string, entryId: string): Promise<RuleQuestion[]> {
  return (
    await db()
      .select(questionColumns)
      .from(menuQuestions)
      .leftJoin(menuQuestionReplies, eq(menuQuestionReplies.questionId, menuQuestions.id))
      .where(and(eq(menuQuestions.userId, userId), eq(menuQuestions.entryId, entryId)))
      .orderBy(asc(menuQuestions.askedAt))
  ).map(shaped);
}

// "My data" asks this on every visit: built once per connection.
const questionsOfUserQuery = preparedQuery((d) =>
  d
    .select(questionColumns)
    .from(menuQuestions)
    .leftJoin(menuQuestionReplies, eq(menuQuestionReplies.questionId, menuQuestions.id))
    .where(eq(menuQuestions.userId, sql.placeholder("userId")))
    .orderBy(asc(menuQuestions.askedAt))
    .prepare(),
);

/** Everything a person asked about the rules, with the replies: for their subject access export. */
export async function ruleQuestionsOf(userId: string) {
  return (await questionsOfUserQuery().execute({ userId })).map((r) => ({
    entryId: r.entryId,
    menuVersion: r.menuVersion,
    message: r.message,
    askedAt: r.askedAt,
    reply: r.reply,
    repliedAt: r.repliedAt,
  }));
}

/**
 * Records a commissioner's reply (once: a question has one reply, kept as written) and tells the
 * asker: a notification when they were signed in, an email when they gave an address, else nothing.
 */
export async function replyToQuestion(
  questionId: string,
  reply: string,
  by: string,
  entryTitle: string,
): Promise<{ ok: true } | { ok: false; reason: "unknown" | "answered" }> {
  const row = await firstRow(db().select().from(menuQuestions).where(eq(menuQuestions.id, questionId)));
  if (!row) return { ok: false, reason: "unknown" };
  const recorded = await transaction(
    async () =>
      rowsChanged(
        await db()
          .insert(menuQuestionReplies)
          .values({ id: randomUUID(), questionId, reply, repliedBy: by, repliedAt: new Date().toISOString() })
          .onConflictDoNothing({ target: menuQuestionReplies.questionId }),
      ) === 1,
  );
  if (!recorded) return { ok: false, reason: "answered" };
  const route = replyRoute(row);
  if (route === "notification")
    await notify(row.userId!, "rule-question-answered", { title: entryTitle }, `/menu/${row.entryId}/question#replies`);
  else if (route === "email") {
    const words = emailWords("menu", "replyEmail", { title: entryTitle });
    await queueEmailTo(
      row.replyEmail!,
      words.subject,
      [words.body, "", reply, "", `${words.rule} ${new URL(`/menu#${row.entryId}`, publicUrl()).href}`].join("\n"),
    );
  }
  await audit({ actorId: by, action: "reply-rule-question", target: questionId, result: "ok", detail: { route } });
  return { ok: true };
}
