import { describe, expect, it } from "vitest";
import { voucherFigures } from "~/domain/insights";
import { claimRefusal, mayChooseProvider, voucherLeft } from "~/domain/vouchers";

/** Treatment vouchers (issue 20, point 3): sessions and value left, accredited providers, what a claim may be. */
const cbt = { treatment: "cbt", sessions: 12, valuePence: 84_000, expiresOn: "2027-12-31", issuedOn: "2026-12-02" };
const claim = (sessions: number, amountPence: number) => ({ sessions, amountPence, sessionDate: "2026-12-10" });
const asked = (sessions: number, sessionDate = "2026-12-10", providerChosen = true) => ({
  sessions,
  pricePerSessionPence: 7_000,
  sessionDate,
  providerChosen,
});

describe("treatment vouchers", () => {
  it("two claims of one session at £70 leave 10 sessions and £700", () => {
    expect(voucherLeft(cbt, [claim(1, 7_000), claim(1, 7_000)])).toEqual({ sessions: 10, valuePence: 70_000 });
  });

  it("only a provider accredited for the voucher's treatment may be chosen", () => {
    expect(mayChooseProvider(cbt, { treatment: "cbt" })).toBe(true);
    expect(mayChooseProvider(cbt, { treatment: "dbt" })).toBe(false);
  });

  it("a claim needs a chosen provider, sessions left, value left, and a date within the voucher's life", () => {
    expect(claimRefusal(cbt, [], asked(1))).toBeNull();
    expect(claimRefusal(cbt, [], asked(1, "2026-12-10", false))).toBe("no-provider");
    expect(claimRefusal(cbt, [claim(2, 14_000)], asked(11))).toBe("sessions");
    expect(claimRefusal(cbt, [], asked(0))).toBe("sessions");
    // 12 sessions at £70 = £840, the whole value; at £75 they would cost more than the voucher holds.
    expect(claimRefusal(cbt, [], asked(12))).toBeNull();
    expect(claimRefusal(cbt, [], { ...asked(12), pricePerSessionPence: 7_500 })).toBe("value");
    expect(claimRefusal(cbt, [], asked(1, "2028-01-01"))).toBe("expired");
    expect(claimRefusal(cbt, [], asked(1, "2027-12-31"))).toBeNull();
    expect(claimRefusal(cbt, [], asked(1, "2026-12-01"))).toBe("before-issue");
  });
});

describe("treatment vouchers in the insights", () => {
  it("counts take-up and the days from issue to the first session", () => {
    // Six taken up after 2, 3, 4, 5, 6 and 7 days; five with no session yet.
    const rows = [
      ...[2, 3, 4, 5, 6, 7].map((n) => ({
        personKey: `p${n}`,
        issuedAt: "2026-01-01T10:00:00.000Z",
        firstSessionOn: `2026-01-0${1 + n}`,
      })),
      ...[8, 9, 10, 11, 12].map((n) => ({
        personKey: `p${n}`,
        issuedAt: "2026-01-01T10:00:00.000Z",
        firstSessionOn: null,
      })),
    ];
    const figures = voucherFigures(rows);
    expect(figures.issued).toEqual({ shown: true, value: 11 });
    expect(figures.byTakeUp).toEqual({ "taken-up": { shown: true, value: 6 }, "not-yet": { shown: true, value: 5 } });
    // The middle of 2..7 days is 4.5.
    expect(figures.daysToFirstSession.median).toEqual({ shown: true, value: 4.5 });
  });

  it("withholds take-up of fewer than 5, and its neighbour", () => {
    const rows = [1, 2, 3, 4, 5, 6].map((n) => ({
      personKey: `p${n}`,
      issuedAt: "2026-01-01T10:00:00.000Z",
      firstSessionOn: n === 1 ? "2026-01-05" : null,
    }));
    const figures = voucherFigures(rows);
    expect(figures.byTakeUp).toEqual({ "taken-up": { shown: false }, "not-yet": { shown: false } });
    expect(figures.daysToFirstSession.median).toEqual({ shown: false });
  });
});
