// `npm run demo-code -- EMAIL`: the current one-time code for a demo professional or commissioner,
// as their authenticator app would show it. Demo secrets only; real accounts have their own.
import { DEMO_TOTP_SECRETS } from "../app/models/demo.server";
import { totpCode } from "../app/lib/totp.server";

const email = process.argv[2]?.toLowerCase();
const secret = email ? DEMO_TOTP_SECRETS[email] : undefined;
if (!secret) {
  console.error(
    `Usage: npm run demo-code -- EMAIL\nDemo accounts with a second factor: ${Object.keys(DEMO_TOTP_SECRETS).join(", ")}`,
  );
  process.exit(2);
}
const now = Date.now();
console.log(
  `${totpCode(secret, now)}  (changes in ${30 - Math.floor((now / 1000) % 30)} s; secret for an authenticator app: ${secret})`,
);
