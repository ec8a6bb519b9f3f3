// The portal reads its signed cookies itself (app/lib/signed-cookie.server.ts), in the request's own turn;
// React Router still writes them. Whatever React Router's own `parse` accepts and gives, so must it.
import { createCookie } from "react-router";
import { describe, expect, it } from "vitest";
import { readSignedCookie } from "~/lib/signed-cookie.server";

const SECRET = "a secret of the kind in the data folder";
const cookie = createCookie("session", { path: "/", httpOnly: true, sameSite: "lax", secrets: [SECRET] });
const other = createCookie("session", { secrets: ["another secret"] });

/** The Cookie header a browser would send back for a Set-Cookie, with other cookies around it. */
const header = (setCookie: string) => `lng=ur; ${setCookie.split(";")[0]}; theme="dark"`;

describe("reading a signed cookie", () => {
  it("gives what React Router's parse gives, for any value it made", async () => {
    const values = ["f3Yq0-Zt_8", "", "Asha Patel, ąęł, اردو", { id: "x", n: 3, nested: [1, "two"] }, 42, "=+/%;"];
    for (const value of values) {
      const sent = header(await cookie.serialize(value));
      expect(readSignedCookie(cookie, sent, SECRET), JSON.stringify(value)).toEqual(await cookie.parse(sent));
      if (value !== "") expect(readSignedCookie(cookie, sent, SECRET)).toEqual(value);
    }
  });

  it("refuses a value signed with another secret, a changed value or signature, and one with none", async () => {
    const made = (await cookie.serialize("f3Yq0-Zt_8")).split(";")[0]!.slice("session=".length);
    const [value, signature] = decodeURIComponent(made).split(".") as [string, string];
    const forged = [
      header(await other.serialize("f3Yq0-Zt_8")),
      `session=${encodeURIComponent(`${Buffer.from(JSON.stringify("someone-else")).toString("base64")}.${signature}`)}`,
      `session=${encodeURIComponent(`${value}.${signature.slice(0, -2)}AA`)}`,
      `session=${encodeURIComponent(value)}`,
      `session=${encodeURIComponent(`${value}.`)}`,
    ];
    for (const sent of forged) {
      expect(readSignedCookie(cookie, sent, SECRET), sent).toBeNull();
      expect(await cookie.parse(sent), sent).toBeNull();
    }
  });

  it("checks a value again under another secret, though it was read before under its own", async () => {
    const sent = header(await cookie.serialize("f3Yq0-Zt_8"));
    expect(readSignedCookie(cookie, sent, SECRET)).toBe("f3Yq0-Zt_8");
    expect(readSignedCookie(cookie, sent, SECRET)).toBe("f3Yq0-Zt_8");
    expect(readSignedCookie(cookie, sent, "another secret")).toBeNull();
  });

  it("gives null with no header or no such cookie, and the first of two by that name", async () => {
    expect(readSignedCookie(cookie, null, SECRET)).toBeNull();
    expect(readSignedCookie(cookie, "lng=ur; sessionx=1", SECRET)).toBeNull();
    const first = (await cookie.serialize("first")).split(";")[0];
    const second = (await cookie.serialize("second")).split(";")[0];
    expect(readSignedCookie(cookie, `${first}; ${second}`, SECRET)).toBe("first");
    expect(await cookie.parse(`${first}; ${second}`)).toBe("first");
  });
});
