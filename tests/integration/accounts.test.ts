import { describe, expect, it } from "vitest";
import { DEMO, DEMO_PASSWORD, emailedSignUpCode, recordLinks, signIn, signUp } from "../support/accounts";
import { Browserish, mailDir } from "../support/http";
import { waitForMail } from "../support/smtp";

const sessionCookie = (b: Browserish) => /(?:__Host-)?session=([^;]+)/.exec(b.cookieHeader())?.[1];

describe("signing in and out", () => {
  it("gives a new session id at every sign-in", async () => {
    const browser = new Browserish();
    await browser.post("/sign-in", { email: DEMO.tomasz, password: DEMO_PASSWORD, returnTo: "/home" });
    const first = sessionCookie(browser);
    // Signing in again from the same browser replaces the session: no fixation.
    await browser.post(
      "/sign-in",
      { email: DEMO.tomasz, password: DEMO_PASSWORD, returnTo: "/home" },
      { from: "/sign-out" },
    );
    const second = sessionCookie(browser);
    expect(first).toBeTruthy();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
  });

  it("refuses an old session cookie after sign-out", async () => {
    const browser = await signIn(DEMO.tomasz);
    const stolen = browser.cookieHeader();
    expect((await browser.get("/home")).status).toBe(200);
    const out = await browser.post("/sign-out", {});
    expect(out.headers.get("location")).toBe("/signed-out");
    const replay = await fetch(new URL("/home", (await import("../support/http")).baseUrl()), {
      headers: { cookie: stolen },
      redirect: "manual",
    });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("marks the session cookie HttpOnly, Secure, SameSite=Lax with the __Host- prefix", async () => {
    const browser = new Browserish();
    const csrf = await browser.csrfFrom("/sign-in");
    const res = await fetch(new URL("/sign-in", (await import("../support/http")).baseUrl()), {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: browser.cookieHeader(),
        origin: new URL((await import("../support/http")).baseUrl()).origin,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ csrf, email: DEMO.tomasz, password: DEMO_PASSWORD, returnTo: "/home" }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
    expect(cookie).toBeTruthy();
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
  });

  it("sends a bad redirect target home instead", async () => {
    for (const target of ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)"]) {
      const browser = new Browserish();
      const res = await browser.post(
        "/sign-in",
        { email: DEMO.tomasz, password: DEMO_PASSWORD, returnTo: target },
        { from: "/sign-in" },
      );
      expect(res.headers.get("location"), target).toBe("/home");
    }
  });

  it("never says whether an email has an account", async () => {
    const wrong = await new Browserish().post("/sign-in", {
      email: DEMO.tomasz,
      password: "not the right password at all",
    });
    const nobody = await new Browserish().post("/sign-in", {
      email: "nobody@example.org",
      password: "not the right password at all",
    });
    const a = (await wrong.text()).match(/class="error-message"[^]*?<\/span>([^<]*)/)?.[1];
    const b = (await nobody.text()).match(/class="error-message"[^]*?<\/span>([^<]*)/)?.[1];
    expect(a).toBe("The email address or password is not right.");
    expect(b).toBe(a);
    expect(wrong.status).toBe(nobody.status);
  });

  it("slows down the eleventh rapid wrong password for an account", async () => {
    const browser = new Browserish();
    const csrf = await browser.csrfFrom("/sign-in");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await browser.post(
        "/sign-in",
        { email: "guess.target@example.org", password: `wrong guess number ${i}` },
        { csrf },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("asks professionals for a one-time code and refuses a wrong one, keeping nothing secret in the form", async () => {
    const browser = new Browserish();
    const res = await browser.post("/sign-in", { email: DEMO.chris, password: DEMO_PASSWORD, returnTo: "/home" });
    expect(res.headers.get("location")).toMatch(/^\/sign-in\/code/);
    // Half-signed-in is not signed in.
    expect((await browser.get("/home")).status).toBe(302);
    const wrong = await browser.post("/sign-in/code", { code: "000000", returnTo: "/home" }, { from: "/sign-in/code" });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain("That code did not work");
    expect(html).not.toContain('value="000000"');
  });
});

describe("creating an account", () => {
  it("refuses short and common passwords and a taken email, by the field, keeping what was typed", async () => {
    const browser = new Browserish();
    const short = await signUp(browser, { name: "Pat Example", email: "pat@example.org", password: "short" });
    expect(short.status).toBe(400);
    let html = await short.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain("Please use at least 12 characters");
    expect(html).toContain('value="Pat Example"');
    expect(html).toContain('value="pat@example.org"');
    expect(html).not.toContain('value="short"');

    const common = await signUp(browser, {
      name: "Pat Example",
      email: "pat@example.org",
      password: "password1234",
    });
    html = await common.text();
    expect(html).toContain("This password is too easy to guess");
  });

  it("answers the same for a new address and one that already has an account; the owner gets an email instead", async () => {
    const ask = async (email: string) => {
      const browser = new Browserish();
      const res = await browser.post("/sign-up", {
        name: "Pat Example",
        email,
        password: "a perfectly fine long phrase",
      });
      const page = await (await browser.get("/sign-up/confirm")).text();
      // The page names the address typed and carries a fresh form token: neither tells one case from the other.
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
      const nonce = /nonce="([^"]+)"/.exec(page)![1]!;
      const shown = page.replaceAll(email, "ADDRESS").replaceAll(csrf, "TOKEN").replaceAll(nonce, "NONCE");
      return {
        browser,
        status: res.status,
        location: res.headers.get("location"),
        cookie: browser.cookieHeader(),
        shown,
      };
    };
    const fresh = await ask("pat.fresh@example.org");
    const taken = await ask(DEMO.asha);
    expect([fresh.status, fresh.location]).toEqual([302, "/sign-up/confirm"]);
    expect([taken.status, taken.location]).toEqual([fresh.status, fresh.location]);
    expect(taken.cookie.split("=")[0]).toBe(fresh.cookie.split("=")[0]);
    expect(taken.shown).toBe(fresh.shown);
    expect(fresh.shown).toContain("Check your email");

    // The new address gets a code; the owner of the taken one is told someone tried, with no code.
    const code = await emailedSignUpCode("pat.fresh@example.org", 0);
    const [toAsha] = await waitForMail(mailDir(), DEMO.asha);
    expect(toAsha!.subject).toBe("Someone tried to create an account with your email address");
    expect(toAsha!.text).toContain("You already have an account");
    expect(toAsha!.text).not.toMatch(/\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}\b/);

    // No code confirms the taken one, and a wrong code reads the same as for a new address.
    const wrongTaken = await taken.browser.post("/sign-up/confirm", { code }, { from: "/sign-up/confirm" });
    const wrongFresh = await fresh.browser.post(
      "/sign-up/confirm",
      { code: "AAAA-BBBB-CC" },
      { from: "/sign-up/confirm" },
    );
    expect([wrongTaken.status, wrongFresh.status]).toEqual([400, 400]);
    expect(await wrongTaken.text()).toContain("That code is not right");
    expect(await wrongFresh.text()).toContain("That code is not right");

    // Nothing exists until the code is typed; then the account is made and signed in, once.
    const early = await new Browserish().post("/sign-in", {
      email: "pat.fresh@example.org",
      password: "a perfectly fine long phrase",
    });
    expect(early.status).toBe(400);
    const confirmed = await fresh.browser.post("/sign-up/confirm", { code }, { from: "/sign-up/confirm" });
    expect([confirmed.status, confirmed.headers.get("location")]).toEqual([302, "/home"]);
    expect(await recordLinks(fresh.browser)).toHaveLength(1);
    const again = await new Browserish().post("/sign-in", {
      email: "pat.fresh@example.org",
      password: "a perfectly fine long phrase",
    });
    expect(again.status).toBe(302);
  });

  it("refuses fields the form does not have, such as a role", async () => {
    const browser = new Browserish();
    const res = await signUp(browser, {
      name: "Sneaky",
      email: "sneaky@example.org",
      password: "a perfectly fine long phrase",
      role: "commissioner",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("something we did not expect");
    const signIn = await new Browserish().post("/sign-in", {
      email: "sneaky@example.org",
      password: "a perfectly fine long phrase",
    });
    expect(signIn.status).toBe(400);
  });

  it("creates a person's account and record, and signs them in", async () => {
    const browser = new Browserish();
    const res = await signUp(browser, {
      name: "Jordan New",
      email: "jordan.new@example.org",
      password: "my own long pass phrase",
    });
    expect(res.status).toBe(302);
    const links = await recordLinks(browser);
    expect(links).toHaveLength(1);
    const record = await (await browser.get(`/people/${links[0]}`)).text();
    expect(record).toContain("My record");
  });
});

describe("helpers and invitations", () => {
  async function invite(browser: Browserish, personId: string, kind: string) {
    const html = await (await browser.post(`/people/${personId}/helpers`, { intent: "invite", kind })).text();
    return /data-testid="invitation-code">([A-Z0-9-]+)</.exec(html)![1]!;
  }

  it("an invitation works once; the person records authority; removal is at once", async () => {
    const person = new Browserish();
    await signUp(person, {
      name: "Casey Planner",
      email: "casey@example.org",
      password: "casey's long pass phrase",
    });
    const personId = (await recordLinks(person))[0]!;
    const code = await invite(person, personId, "representative");

    const rep = new Browserish();
    const joined = await signUp(
      rep,
      { name: "Robin Rep", email: "robin@example.org", password: "robin's long pass phrase", invitation: code },
      { from: "/sign-up" },
    );
    expect(joined.status).toBe(302);
    // Authority not yet recorded: the representative sees nothing of the record.
    expect(await recordLinks(rep)).toEqual([]);
    expect((await rep.get(`/people/${personId}`)).status).toBe(404);

    // The same code cannot be used again.
    const reuse = await signUp(
      new Browserish(),
      { name: "Second Person", email: "second@example.org", password: "second long pass phrase", invitation: code },
      { from: "/sign-up" },
    );
    expect(reuse.status).toBe(400);
    expect(await reuse.text()).toContain("This code is not valid");

    // Acting for needs a type and a reference: refused by the field, choices kept.
    const helpersHtml = await (await person.get(`/people/${personId}/helpers`)).text();
    const helperId = /name="helperId" value="([0-9a-f-]{36})"/.exec(helpersHtml)![1]!;
    const incomplete = await person.post(`/people/${personId}/helpers`, {
      intent: "authority",
      helperId,
      authority: "acting-for",
    });
    expect(incomplete.status).toBe(400);
    const incompleteHtml = await incomplete.text();
    expect(incompleteHtml).toContain("There is a problem");
    expect(incompleteHtml).toMatch(/name="authority" checked="" value="acting-for"|value="acting-for" checked=""/);

    const saved = await person.post(`/people/${personId}/helpers`, {
      intent: "authority",
      helperId,
      authority: "acting-for",
      actingForType: "deputy",
      actingForReference: "COP-12345",
    });
    expect(saved.status).toBe(302);
    expect(await recordLinks(rep)).toEqual([personId]);
    expect((await rep.get(`/people/${personId}/my-data`)).status).toBe(200);

    // A representative cannot change who has access.
    expect((await rep.get(`/people/${personId}/helpers`)).status).toBe(404);

    await person.post(`/people/${personId}/helpers`, { intent: "remove", helperId });
    expect((await rep.get(`/people/${personId}`)).status).toBe(404);
  });

  it("refuses a cross-origin or token-less change to helpers, with nothing changed", async () => {
    const person = await signIn(DEMO.tomasz);
    const personId = (await recordLinks(person))[0]!;
    const csrf = await person.csrfFrom(`/people/${personId}/helpers`);
    const before = await (await person.get(`/people/${personId}/helpers`)).text();
    const crossOrigin = await person.post(
      `/people/${personId}/helpers`,
      { intent: "invite", kind: "peer-broker" },
      { origin: "https://evil.example", csrf },
    );
    expect(crossOrigin.status).toBeGreaterThanOrEqual(400);
    const noToken = await person.post(
      `/people/${personId}/helpers`,
      { intent: "invite", kind: "peer-broker" },
      { csrf: null },
    );
    expect(noToken.status).toBe(403);
    const after = await (await person.get(`/people/${personId}/helpers`)).text();
    expect(after.includes("Invitations not used yet")).toBe(before.includes("Invitations not used yet"));
  });

  it("a person downloads everything held about them as JSON, without secrets", async () => {
    const person = await signIn(DEMO.tomasz);
    const personId = (await recordLinks(person))[0]!;
    const res = await person.get(`/people/${personId}/my-data.json`);
    expect(res.headers.get("content-disposition")).toMatch(/attachment/);
    const json = await res.json();
    expect(json.account.email).toBe(DEMO.tomasz);
    expect(json.helpers.map((h: { name: string }) => h.name)).toContain("Sam Brooks");
    expect(JSON.stringify(json)).not.toMatch(/scrypt|password_hash|passwordHash|totp/i);
  });
});
