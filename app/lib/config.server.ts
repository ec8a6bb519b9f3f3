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


/**
 * The secret that signs cookies. `SESSION_SECRET` in a real deployment; otherwise one is made once and
 * kept in the data folder so that demo sessions survive a restart.
 */
export function sessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = path.join(dataDir(), "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** How many proxies in front of the portal may be trusted to set X-Forwarded-For. 0 = none. */
export function trustedProxyCount(): number {
  const n = Number(process.env.TRUSTED_PROXIES ?? "0");
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
