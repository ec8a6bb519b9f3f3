import { content } from "~/content/content.server";
import { demoSignIns, seedDemoData, type DemoSignIn } from "~/models/demo.server";
import { refuseTestModeInDeployment } from "~/lib/config.server";
import { db } from "~/lib/db.server";

/**
 * Everything the portal checks before it takes a request: content is valid, the database is
 * migrated, and an empty database gets the demo people (unless SEED_DEMO=0).
 */
export async function prepare(): Promise<{ demoSignIns: DemoSignIn[] }> {
  refuseTestModeInDeployment();
  content();
  db();
  if (process.env.SEED_DEMO === "0") return { demoSignIns: [] };
  await seedDemoData();
  return { demoSignIns: demoSignIns() };
}
