import { content } from "~/content/content.server";
import { demoSignIns, hasDemoAccounts, seedDemoData, type DemoSignIn } from "~/models/demo.server";
import { deliverOutbox } from "~/models/outbox.server";
import { syncTeams } from "~/models/teams.server";
import { isLocalAddress, publicUrl, refuseTestModeInDeployment } from "~/lib/config.server";
import { dataDir, db } from "~/lib/db.server";

/**
 * Everything the portal checks before it takes a request: content is valid, the database is
 * migrated, the teams match content, demo people are seeded only when asked for (SEED_DEMO=1), and
 * a portal reached from elsewhere never runs with the demo accounts' published passwords.
 */
export async function prepare(): Promise<{ demoSignIns: DemoSignIn[] }> {
  refuseTestModeInDeployment();
  content();
  db();
  syncTeams();
  if (process.env.SEED_DEMO === "1") {
    if (!isLocalAddress())
      throw new Error(
        `SEED_DEMO=1 asks for the demo people, whose passwords are published: only for trying the portal on this machine, never with PUBLIC_URL=${publicUrl().href}. Unset SEED_DEMO.`,
      );
    await seedDemoData();
  }
  if (!isLocalAddress() && hasDemoAccounts()) {
    throw new Error(
      [
        `The database in ${dataDir()} holds the demo accounts, whose passwords and one-time-code secrets are published,`,
        `and PUBLIC_URL (${publicUrl().href}) is an address people reach from elsewhere. The portal will not start like this.`,
        `To run a real deployment, start with an empty data folder: move ${dataDir()} away (or set DATA_DIR to a new folder),`,
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
  return { demoSignIns: hasDemoAccounts() ? demoSignIns() : [] };
}
