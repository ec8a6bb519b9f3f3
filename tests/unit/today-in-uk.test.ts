import { describe, expect, it } from "vitest";
import { todayInUk } from "~/lib/format";

// Every page that checks a date against "today" asks for it; the answer is kept for its second, and
// must still be the UK's date for whatever moment is asked, across midnight and the clock changes.
describe("todayInUk", () => {
  it("is the date in the UK, not in UTC, either side of midnight", () => {
    // British Summer Time: UTC 23:30 is already the next day in London.
    expect(todayInUk(new Date("2026-07-01T22:59:59Z"))).toBe("2026-07-01");
    expect(todayInUk(new Date("2026-07-01T23:00:00Z"))).toBe("2026-07-02");
    // Winter: London keeps UTC's date.
    expect(todayInUk(new Date("2026-12-01T23:59:59Z"))).toBe("2026-12-01");
    expect(todayInUk(new Date("2026-12-02T00:00:00Z"))).toBe("2026-12-02");
  });

  it("answers each moment asked for, not the one it answered last", () => {
    const moments = ["2026-03-29T00:59:59.100Z", "2026-03-29T00:59:59.900Z", "2025-03-29T00:59:59.500Z"];
    expect(moments.map((m) => todayInUk(new Date(m)))).toEqual(["2026-03-29", "2026-03-29", "2025-03-29"]);
    // Asked again for the first moment after another: not the answer kept for the last.
    expect(todayInUk(new Date("2026-07-01T23:00:00Z"))).toBe("2026-07-02");
    expect(todayInUk(new Date("2026-07-01T22:59:59Z"))).toBe("2026-07-01");
  });
});
