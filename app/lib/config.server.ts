import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./db.server";

export function isProduction(): boolean {
  return process.env.NODE_ENV === "production";
}

/** The address people use to reach the portal. Origin checks compare against this, never the Host header. */
export function publicUrl(): URL {
  return new URL(process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`);
}

/** The secret read from each data folder's file, by the folder as configured: a page asks several times. */
const secretsRead = new Map<string, string>();

/**
 * The secret that signs cookies. `SESSION_SECRET` in a real deployment; otherwise one is made once and
 * kept in the data folder so that demo sessions survive a restart.
 */
export function sessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const configured = process.env.DATA_DIR ?? "";
  let secret = secretsRead.get(configured);
  if (secret === undefined) {
    const file = path.join(dataDir(), "session-secret");
    if (!existsSync(file)) {
      mkdirSync(dataDir(), { recursive: true });
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    }
    secret = readFileSync(file, "utf8").trim();
    secretsRead.set(configured, secret);
  }
  return secret;
}

/**
 * The test harness's switch (`PORTAL_TEST_ROUTES=1`): a page that fails on purpose, and a wide
 * one-time-code window so tests never wait for the clock. Refused at start-up unless the portal's
 * address is on this machine (see `refuseTestModeInDeployment`).
 */
export function testMode(): boolean {
  return process.env.PORTAL_TEST_ROUTES === "1";
}

/**
 * How long a server may go on showing insights worked out before a change to their records: 5 minutes
 * (docs/decisions/2026-12-03-insights-at-most-five-minutes-old.md). The figures are about months, and at
 * 100,000 people working them out holds the embedded engine for most of a second; in test mode none, so a
 * test sees its own writes at once.
 */
export function insightsKeptAfterChangeMs(): number {
  return testMode() ? 0 : 5 * 60_000;
}

/** How many 30-second steps either side of now a one-time code may come from: 1 (±30 s) in real use. */
export function totpWindowSteps(): number {
  return testMode() ? 60 : 1;
}

/** Whether people reach the portal only from this machine (the demo, the tests). */
export function onThisMachineOnly(): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(publicUrl().hostname);
}

/** Test mode weakens the second factor's window: never on an address people reach from elsewhere. */
export function refuseTestModeInDeployment(): void {
  if (testMode() && !onThisMachineOnly()) {
    throw new Error(
      `PORTAL_TEST_ROUTES=1 is for the test suite only and cannot be used with PUBLIC_URL=${publicUrl()}.`,
    );
  }
}
