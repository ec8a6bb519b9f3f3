import { content } from "~/content/content.server";
import { demoSignIns, seedDemoData, type DemoSignIn } from "~/models/demo.server";
import { sendReviewDueNotices } from "~/models/signoff.server";
import { refuseTestModeInDeployment } from "~/lib/config.server";
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
 * migrated, and an empty database gets the demo people (unless SEED_DEMO=0). Then the scheduler starts.
 */
export async function prepare(): Promise<{ demoSignIns: DemoSignIn[] }> {
  refuseTestModeInDeployment();
  content();
  db();
  const seeded = process.env.SEED_DEMO === "0" ? [] : (await seedDemoData(), demoSignIns());
  startScheduler();
  return { demoSignIns: seeded };
}
