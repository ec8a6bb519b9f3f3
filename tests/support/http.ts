import { inject } from "vitest";

/**
 * Test files run side by side, each against its own server and database (tests/setup/server.ts): a
 * file uses the server of the worker slot it runs in. vitest numbers the slots 1 to maxWorkers and
 * never gives one slot to two files at once, so two files never share a server while they run.
 */
export function slot(): number {
  const slots = inject("baseUrls").length;
  const id = Number(process.env.VITEST_POOL_ID);
  // A slot with no server of its own would share one: stop, rather than let files meet.
  if (!Number.isInteger(id) || id < 1 || id > slots)
    throw new Error(`VITEST_POOL_ID is ${process.env.VITEST_POOL_ID}; the test servers are for slots 1 to ${slots}`);
  return id - 1;
}

/** The address of this file's server. */
export const baseUrl = (): string => inject("baseUrls")[slot()]!;

/** The data folder of this file's server (its SQLite database, query log and one-time-code steps). */
export const dataDir = (): string => inject("dataDirs")[slot()]!;

/** This file's server's PostgreSQL database (DATABASE_URL) in the `-pg` projects; "" on SQLite. */
export const databaseUrl = (): string => inject("databaseUrls")[slot()]!;

/** Where this file's server's mail arrives (the tests' own SMTP server keeps every message). */
export const mailDir = (): string => inject("mailDirs")[slot()]!;

/** The process id of this file's server (for its memory use in /proc). */
export const serverPid = (): number => inject("serverPids")[slot()]!;

/** A tiny cookie jar so integration tests can act like one browser. */
export class Browserish {
  private cookies = new Map<string, string>();

  /** `server`: another portal's address (a test's own server); by default this file's server. */
  constructor(private readonly server?: string) {}

  /** The same browser (the same cookies) talking to another server of the same portal. */
  on(server: string): Browserish {
    const other = new Browserish(server);
    other.cookies = this.cookies;
    return other;
  }

  private base(): string {
    return this.server ?? baseUrl();
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.base()), {
      ...init,
      redirect: "manual",
      headers: { cookie: this.cookieHeader(), ...(init.headers as Record<string, string>) },
    });
    this.keep(response);
    return response;
  }

  /** The CSRF token the page at `path` hands its forms. */
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.get(path)).text();
    const match = /name="csrf" value="([^"]+)"/.exec(html);
    if (!match?.[1]) throw new Error(`No CSRF token on ${path}`);
    return match[1];
  }

  /** Posts a form as the portal's own page would (same origin, with the page's token). */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    opts: { origin?: string | null; csrf?: string | null; from?: string } = {},
  ): Promise<Response> {
    const csrf = opts.csrf === undefined ? await this.csrfFrom(opts.from ?? path) : opts.csrf;
    const body = new URLSearchParams();
    if (csrf !== null) body.append("csrf", csrf);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const headers: Record<string, string> = {
      cookie: this.cookieHeader(),
      "content-type": "application/x-www-form-urlencoded",
    };
    const origin = opts.origin === undefined ? new URL(this.base()).origin : opts.origin;
    if (origin !== null) headers.origin = origin;
    const response = await fetch(new URL(path, this.base()), { method: "POST", body, headers, redirect: "manual" });
    this.keep(response);
    return response;
  }

  /** Posts a form with files (multipart/form-data), as the portal's own page would. */
  async postFiles(
    path: string,
    fields: Record<string, string>,
    files: Record<string, { name: string; type: string; bytes: Uint8Array | string }>,
    opts: { from?: string } = {},
  ): Promise<Response> {
    const body = new FormData();
    body.append("csrf", await this.csrfFrom(opts.from ?? path));
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const [k, f] of Object.entries(files))
      body.append(k, new Blob([f.bytes as BlobPart], { type: f.type }), f.name);
    const response = await fetch(new URL(path, this.base()), {
      method: "POST",
      body,
      headers: { cookie: this.cookieHeader(), origin: new URL(this.base()).origin },
      redirect: "manual",
    });
    this.keep(response);
    return response;
  }

  /** Posts a form with one file (the rule-set and trial uploads): `postFiles` with a single file field. */
  postFile(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; type: string; content: string | Uint8Array },
    opts: { from?: string } = {},
  ): Promise<Response> {
    const { field, content, ...rest } = file;
    return this.postFiles(path, fields, { [field]: { ...rest, bytes: content } }, opts);
  }
}
