import { describe, expect, it } from "vitest";
import {
  isAdministratorOf,
  mayInvite,
  mayLeadFor,
  mayLinkPerson,
  mayManageStaff,
  type StaffMember,
} from "~/domain/access";
import { accountForKind, teamsFileSchema } from "~/domain/organisation";

const staff = (over: Partial<StaffMember>): StaffMember => ({
  role: "lead-professional",
  teamId: "north",
  isTeamAdmin: false,
  onPanel: false,
  deactivatedAt: null,
  ...over,
});
const northAdmin = staff({ isTeamAdmin: true });
const southAdmin = staff({ isTeamAdmin: true, teamId: "south" });
const commissioner = staff({ role: "commissioner", teamId: null });

describe("who may link a person to a lead professional", () => {
  it("only an active administrator of the team the person chose", () => {
    expect(mayLinkPerson(northAdmin, { teamId: "north" })).toBe(true);
    expect(mayLinkPerson(southAdmin, { teamId: "north" })).toBe(false);
    expect(mayLinkPerson(northAdmin, { teamId: null })).toBe(false);
    expect(mayLinkPerson(staff({}), { teamId: "north" })).toBe(false);
    expect(mayLinkPerson(commissioner, { teamId: "north" })).toBe(false);
    expect(mayLinkPerson(staff({ isTeamAdmin: true, deactivatedAt: "2026-12-01" }), { teamId: "north" })).toBe(false);
  });

  it("to an active lead professional of that same team", () => {
    expect(mayLeadFor(staff({}), { teamId: "north" })).toBe(true);
    expect(mayLeadFor(staff({ teamId: "south" }), { teamId: "north" })).toBe(false);
    expect(mayLeadFor(staff({ role: "panel-member", onPanel: true }), { teamId: "north" })).toBe(false);
    expect(mayLeadFor(staff({ deactivatedAt: "2026-12-01" }), { teamId: "north" })).toBe(false);
  });
});

describe("running a team's staff", () => {
  it("a team administrator manages their own team only; a commissioner every team", () => {
    expect(isAdministratorOf(northAdmin, "north")).toBe(true);
    expect(mayManageStaff(northAdmin, "north")).toBe(true);
    expect(mayManageStaff(northAdmin, "south")).toBe(false);
    expect(mayManageStaff(commissioner, "south")).toBe(true);
    expect(mayManageStaff(staff({}), "north")).toBe(false);
    expect(mayManageStaff(staff({ role: "commissioner", deactivatedAt: "x" }), "north")).toBe(false);
  });

  it("a team administrator cannot invite a commissioner; a commissioner invites for a team or as a commissioner", () => {
    expect(mayInvite(northAdmin, "lead-professional", "north")).toBe(true);
    expect(mayInvite(northAdmin, "team-administrator", "north")).toBe(true);
    expect(mayInvite(northAdmin, "panel-member", "south")).toBe(false);
    expect(mayInvite(northAdmin, "commissioner", null)).toBe(false);
    expect(mayInvite(commissioner, "commissioner", null)).toBe(true);
    expect(mayInvite(commissioner, "lead-professional", "south")).toBe(true);
    expect(mayInvite(commissioner, "lead-professional", null)).toBe(false);
  });

  it("what each invitation makes", () => {
    expect(accountForKind("team-administrator")).toEqual({
      role: "lead-professional",
      isTeamAdmin: true,
      onPanel: false,
    });
    expect(accountForKind("panel-member")).toEqual({ role: "panel-member", isTeamAdmin: false, onPanel: true });
    expect(accountForKind("commissioner").role).toBe("commissioner");
  });

  it("content/teams.json: ids are unique slugs, every name in every language", () => {
    const name = { en: "A", ur: "A", pl: "A" };
    const team = { id: "north", name, description: name };
    expect(teamsFileSchema.safeParse({ translationStatus: "x", teams: [team] }).success).toBe(true);
    expect(teamsFileSchema.safeParse({ translationStatus: "x", teams: [team, team] }).success).toBe(false);
    expect(teamsFileSchema.safeParse({ translationStatus: "x", teams: [{ ...team, id: "North Team" }] }).success).toBe(
      false,
    );
  });
});
