// `npm run admin:create -- EMAIL [--team TEAM_ID]`: the first administrator of a new deployment.
// Without --team: a commissioner (who can then invite every team's staff). With --team (an id from
// content/teams.json): that team's administrator. Prints a single-use invitation link (72 hours);
// the invitee chooses a password and enrols a second factor. Nothing about the link is stored but its hash.
import { closeDatabase, databaseReady } from "../app/lib/db.server";
import { deliverOutbox } from "../app/models/outbox.server";
import { inviteStaff } from "../app/models/staff.server";
import { isTeam, syncTeams } from "../app/models/teams.server";

const args = process.argv.slice(2);
const teamAt = args.indexOf("--team");
const teamId = teamAt >= 0 ? args[teamAt + 1] : undefined;
const email = args.find((a, i) => !a.startsWith("--") && (teamAt < 0 || i !== teamAt + 1) && a.includes("@"));

if (!email || (teamAt >= 0 && !teamId)) {
  console.error("Usage: npm run admin:create -- EMAIL [--team TEAM_ID]");
  process.exit(2);
}
await databaseReady();
await syncTeams();
if (teamId && !isTeam(teamId)) {
  console.error(`There is no team "${teamId}" in content/teams.json.`);
  process.exit(2);
}
const made = await inviteStaff({
  email,
  kind: teamId ? "team-administrator" : "commissioner",
  teamId: teamId ?? null,
  createdBy: null,
});
await deliverOutbox();
await closeDatabase();
console.log(
  `Invitation for ${email} (${teamId ? `administrator of ${teamId}` : "commissioner"}), works once until ${made.expiresAt}:\n${made.link}`,
);
