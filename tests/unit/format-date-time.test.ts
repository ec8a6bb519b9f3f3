import { describe, expect, it } from "vitest";
import { formatDateTime } from "~/lib/format";

// Moments are written to the minute in UK time; the words are kept by minute, so a kept answer must be
// the one every moment in that minute gets, and never another minute's, in summer or winter.
describe("formatDateTime", () => {
  it("writes a moment in UK time, to the minute, summer and winter", () => {
    expect(formatDateTime("2026-07-01T12:30:59.900Z", "en")).toBe("1 July 2026 at 13:30");
    expect(formatDateTime("2026-07-01T12:30:00.000Z", "en")).toBe("1 July 2026 at 13:30");
    expect(formatDateTime("2026-07-01T12:31:00.000Z", "en")).toBe("1 July 2026 at 13:31");
    expect(formatDateTime("2026-12-01T12:30:30Z", "en")).toBe("1 December 2026 at 12:30");
    // Across the clock change: the same minute of UTC an hour apart in UK time.
    expect(formatDateTime("2026-03-29T00:59:00Z", "en")).toBe("29 March 2026 at 00:59");
    expect(formatDateTime("2026-03-29T01:00:00Z", "en")).toBe("29 March 2026 at 02:00");
  });

  it("keeps each language's words apart", () => {
    const moment = "2026-12-01T09:05:00Z";
    expect(formatDateTime(moment, "en")).toBe("1 December 2026 at 09:05");
    expect(formatDateTime(moment, "pl")).toBe(
      new Intl.DateTimeFormat("pl-PL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" }).format(
        new Date(moment),
      ),
    );
    expect(formatDateTime(moment, "pl")).not.toBe(formatDateTime(moment, "en"));
  });

  it("still refuses a moment that is not one", () => {
    expect(() => formatDateTime("not a moment", "en")).toThrow(RangeError);
    expect(() => formatDateTime("not a moment", "en")).toThrow(RangeError);
  });
});
