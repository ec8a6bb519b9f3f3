import { content } from "~/content/content.server";
import { demoSignIns, hasDemoAccounts, seedDemoData, type DemoSignIn } from "~/models/demo.server";
import { archiveOldAuditLines } from "~/models/audit-archive.server";
import { sendReviewDueNotices } from "~/models/signoff.server";
import { deliverOutbox } from "~/models/outbox.server";
import { syncTeams } from "~/models/teams.server";
import { onThisMachineOnly, publicUrl, refuseTestModeInDeployment } from "~/lib/config.server";
import { dataDir, databaseReady, onPostgres } from "~/lib/db.server";

const HOUR = 60 * 60 * 1000;

/**
 * Audit lines past their retention period move to archive files one file at a time, yielding to
 * requests between files, so a backlog never holds up start-up or a page.
 */
async function archiveAuditBacklog(): Promise<number> {
  let moved = 0;
  for (;;) {
    const { files, lines } = await archiveOldAuditLines(new Date(), 1);
    if (files.length === 0) return moved;
    moved += lines;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The scheduler's run under way (or the last one, settled): a stopping server lets it finish. */
let schedulerRun: Promise<void> = Promise.resolve();

/**
 * Work that comes with time, not with a page load (a GET never writes), from start and then every hour:
 * review-due notices (each has a unique key in the database, so running this on many servers, or after
 * a restart, never sends one twice) and the audit trail's retention. A failure is logged and tried
 * again next hour. The first run begins as the server starts taking requests, not before: the notices
 * due at start grow with the records (thousands on a first start at 100,000 people), and they are made
 * a batch at a time with requests served between batches.
 */
function startScheduler(): void {
  const run = async () => {
    try {
      console.log(`Review-due notices: ${await sendReviewDueNotices()} made.`);
    } catch (error) {
      console.error("Review-due notices failed; trying again in an hour.", error);
    }
    setImmediate(() => {
      archiveAuditBacklog().then(
        (moved) => console.log(`Audit lines moved to the archive: ${moved}.`),
        (error: unknown) =>
          console.error("Moving old audit lines to the archive failed; trying again in an hour.", error),
      );
    });
  };
  schedulerRun = new Promise<void>((resolve) => setImmediate(resolve)).then(run);
  setInterval(() => {
    schedulerRun = schedulerRun.then(run);
  }, HOUR).unref();
}

/** Settles when the scheduler's run under way has finished (at once when none is). */
function schedulerSettled(): Promise<void> {
  return schedulerRun;
}

/**
 * Everything the portal checks before it takes a request: content is valid, the database is
 * migrated, the teams match content, demo people are seeded only when asked for (SEED_DEMO=1), and
 * a portal reached from elsewhere never runs with the demo accounts' published passwords. Then the
 * scheduler starts.
 */
export async function prepare(): Promise<{ demoSignIns: DemoSignIn[]; schedulerSettled: () => Promise<void> }> {
  refuseTestModeInDeployment();
  content();
  await databaseReady();
  await syncTeams();
  if (process.env.SEED_DEMO === "1") {
    if (!onThisMachineOnly())
      throw new Error(
        `SEED_DEMO=1 asks for the demo people, whose passwords are published: only for trying the portal on this machine, never with PUBLIC_URL=${publicUrl().href}. Unset SEED_DEMO.`,
      );
    await seedDemoData();
  }
  if (!onThisMachineOnly() && (await hasDemoAccounts())) {
    throw new Error(
      [
        `The database ${onPostgres() ? "at DATABASE_URL" : `in ${dataDir()}`} holds the demo accounts, whose passwords and one-time-code secrets are published,`,
        `and PUBLIC_URL (${publicUrl().href}) is an address people reach from elsewhere. The portal will not start like this.`,
        onPostgres()
          ? `To run a real deployment, start with an empty database (point DATABASE_URL at a new one),`
          : `To run a real deployment, start with an empty data folder: move ${dataDir()} away (or set DATA_DIR to a new folder),`,
        `do not set SEED_DEMO, and create the first administrator with \`npm run admin:create -- EMAIL\`.`,
        `To try the portal on this machine instead, leave PUBLIC_URL unset.`,
      ].join("\n"),
    );
  }
  // Mail left waiting when the portal last stopped goes out now (each email once: see outbox.server).
  if (process.env.SMTP_URL)
    void deliverOutbox().then(
      (sent) => console.log(`Mail waiting at start-up: ${sent} sent.`),
      () => console.log("Mail waiting at start-up: the mail server did not answer; it will be tried again."),
    );
  startScheduler();
  return { demoSignIns: (await hasDemoAccounts()) ? demoSignIns() : [], schedulerSettled };
}
