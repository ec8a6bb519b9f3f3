import { content } from "~/content/content.server";
import { demoSignIns, hasDemoAccounts, seedDemoData, type DemoSignIn } from "~/models/demo.server";
import { sendReviewDueNotices } from "~/models/signoff.server";
import { onThisMachineOnly, publicUrl, refuseTestModeInDeployment } from "~/lib/config.server";
import { db } from "~/lib/db.server";

const HOUR = 60 * 60 * 1000;

/**
 * Notices that come with time, not with a page load (a GET never writes): reviews coming due, at
 * start and then every hour. Each notice has a unique key in the database, so running this on many
 * servers, or after a restart, never sends one twice. A failure is logged and tried again next hour.
 */
function startScheduler(): void {
  const run = () => {
    try {
      sendReviewDueNotices();
    } catch (error) {
      console.error("Review-due notices failed; trying again in an hour.", error);
    }
  };
  run();
  setInterval(run, HOUR).unref();
}

/**
 * Everything the portal checks before it takes a request: content is valid, the database is
 * migrated, and an empty database gets the demo people (unless SEED_DEMO=0) only on this machine;
 * a portal on a real address refuses to start while demo accounts are in its database. Then the
 * scheduler starts.
 */
export async function prepare(): Promise<{ demoSignIns: DemoSignIn[] }> {
  refuseTestModeInDeployment();
  content();
  db();
  // The demo people's password and one-time-code secrets are published: never on a real address.
  if (!onThisMachineOnly() && hasDemoAccounts())
    throw new Error(
      `This database holds the demo accounts, whose passwords are published, and PUBLIC_URL is ${publicUrl()}. ` +
        "Start with a new, empty DATA_DIR (and SEED_DEMO=0) for a real deployment; demo people are only for trying the portal on this machine.",
    );
  const seeded = process.env.SEED_DEMO === "0" || !onThisMachineOnly() ? [] : (await seedDemoData(), demoSignIns());
  startScheduler();
  return { demoSignIns: seeded };
}
