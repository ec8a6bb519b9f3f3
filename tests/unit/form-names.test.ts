import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseFormValues } from "~/lib/forms.server";
import { errorsFromIssues } from "~/lib/forms";

const form = (pairs: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of pairs) data.append(name, value);
  return data;
};

const contacts = z.strictObject({
  contacts: z.array(z.strictObject({ name: z.string().min(1, "nameRequired"), phone: z.string() })).max(3),
});

describe("the form helper reads nested names", () => {
  it("turns contacts.0.name and contacts[1].name into a list of objects", () => {
    const parsed = parseFormValues(
      form([
        ["contacts.0.name", "Ravi"],
        ["contacts.0.phone", "07700 900123"],
        ["contacts[1].name", "Sam"],
        ["contacts[1].phone", ""],
      ]),
      contacts,
    );
    expect(parsed.ok && parsed.data).toEqual({
      contacts: [
        { name: "Ravi", phone: "07700 900123" },
        { name: "Sam", phone: "" },
      ],
    });
  });

  it("names an error by the field's own name, and gives back everything typed", () => {
    const parsed = parseFormValues(
      form([
        ["contacts.0.name", ""],
        ["contacts.0.phone", "0161 496 0000"],
      ]),
      contacts,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ "contacts.0.name": "nameRequired" });
    expect(parsed.values).toEqual({ "contacts.0.name": "", "contacts.0.phone": "0161 496 0000" });
  });

  it.each([
    ["__proto__.polluted", "a prototype key"],
    ["contacts.constructor.name", "constructor"],
    ["contacts.0.prototype", "prototype"],
    ["a.b.c.d.e", "more than four levels"],
    ["contacts.100.name", "a list position over 99"],
    ["contacts.01.name", "a padded list position"],
    ["contacts..name", "an empty segment"],
    ["0.name", "a list position first"],
    ["contacts[x].name", "a bracket that is not a number"],
  ])("refuses %s (%s) and changes nothing", (name) => {
    const parsed = parseFormValues(form([[name, "x"]]), z.strictObject({}).passthrough());
    expect(parsed.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a name sent both as a value and as a group", () => {
    const parsed = parseFormValues(
      form([
        ["contacts", "x"],
        ["contacts.0.name", "y"],
      ]),
      contacts,
    );
    expect(parsed.ok).toBe(false);
  });

  it("refuses more than 1,000 fields", () => {
    const many = Array.from({ length: 1001 }, (_, i) => [`f${i}`, "x"] as [string, string]);
    expect(parseFormValues(form(many), z.record(z.string(), z.string())).ok).toBe(false);
  });

  it("writes the error key for a nested path as the field name", () => {
    const result = contacts.safeParse({ contacts: [{ name: "", phone: "" }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(errorsFromIssues(result.error.issues))).toEqual(["contacts.0.name"]);
  });
});

describe("the form helper drops NUL", () => {
  it("takes NUL out of every value, the person's words kept, before the schema reads them", () => {
    const parsed = parseFormValues(
      form([
        ["contacts.0.name", "Ra\u0000vi"],
        ["contacts.0.phone", "\u000007700 900123\u0000"],
      ]),
      contacts,
    );
    expect(parsed.ok && parsed.data).toEqual({ contacts: [{ name: "Ravi", phone: "07700 900123" }] });
    expect(parsed.values).toEqual({ "contacts.0.name": "Ravi", "contacts.0.phone": "07700 900123" });
  });
});
