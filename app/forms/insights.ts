import { z } from "zod";
import { calendarDate } from "~/lib/forms";

const date = calendarDate("insights:errors.dateInvalid");

/** The period the insights cover: two calendar dates, the first not after the second. Sent with GET. */
export const periodSchema = z
  .strictObject({ from: date, to: date })
  .refine((period) => period.from <= period.to, { path: ["to"], error: "insights:errors.toBeforeFrom" });
