/**
 * Contestable rules (docs/domain-guide.md, "The menu: what the money may be spent on"):
 * anyone, signed in or not, may question a rule on the public menu. The question reaches the
 * commissioners' inbox; a commissioner's reply is recorded beside it, and both are kept (append-only).
 */

/** The longest question (characters): a few paragraphs, not a document. */
export const MAX_QUESTION_LENGTH = 2000;
/** The longest reply (characters). */
export const MAX_REPLY_LENGTH = 2000;
/** How many questions one address (or account) may send in an hour: enough for a person, not for a flood. */
export const QUESTIONS_PER_HOUR = 5;
export const QUESTION_WINDOW_MS = 60 * 60 * 1000;

/** Whether one more question may be taken from a sender who sent `recent` within the last hour. */
export function mayAskAnother(recent: number): boolean {
  return recent < QUESTIONS_PER_HOUR;
}

/** How the asker hears the reply: on their notifications (signed in), by email, or not at all (recorded only). */
export type ReplyRoute = "notification" | "email" | "none";

export function replyRoute(question: { userId: string | null; replyEmail: string | null }): ReplyRoute {
  return question.userId ? "notification" : question.replyEmail ? "email" : "none";
}

/** The inbox's order: questions waiting for a reply first, oldest first; then those answered, newest reply first. */
export function inboxOrder<Q extends { askedAt: string; repliedAt: string | null }>(questions: readonly Q[]): Q[] {
  const waiting = questions.filter((q) => q.repliedAt === null).sort((a, b) => a.askedAt.localeCompare(b.askedAt));
  const answered = questions
    .filter((q) => q.repliedAt !== null)
    .sort((a, b) => b.repliedAt!.localeCompare(a.repliedAt!));
  return [...waiting, ...answered];
}
