import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server for the tests (the `smtp-server` package), on a free local port. Every message
 * it receives is written to `dir` as one file, so a test can read what arrived and count it.
 */
export async function startTestSmtp(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        const file = path.join(dir, `${Date.now()}-${process.pid}-${++n}.eml`);
        writeFileSync(file, `X-Test-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString("utf8")}`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  raw: string;
}

/** Everything the test SMTP server received in `dir`, oldest first. */
export function receivedMail(dir: string): ReceivedMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  return files.sort().map((f) => {
    const raw = readFileSync(path.join(dir, f), "utf8");
    const [head = "", ...body] = raw.split(/\r?\n\r?\n/);
    const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(head)?.[1]?.trim() ?? "";
    // nodemailer writes plain text as quoted-printable: undo soft line breaks and =XX escapes.
    const text = body
      .join("\n\n")
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return { to: header("X-Test-Envelope-To"), subject: header("Subject"), text, raw };
  });
}

/** The mail that has arrived at the test server for an address (it is sent just after the answer). */
export async function waitForMail(dir: string, to: string, count = 1): Promise<ReceivedMail[]> {
  const { vi } = await import("vitest");
  return vi.waitFor(
    () => {
      const mail = receivedMail(dir).filter((m) => m.to === to);
      if (mail.length < count) throw new Error(`${mail.length} emails for ${to} so far`);
      return mail;
    },
    { timeout: 10_000, interval: 50 },
  );
}
