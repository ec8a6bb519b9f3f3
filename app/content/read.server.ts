import { readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";

/** Where content lives. Tests may point elsewhere to prove a bad file stops start-up. */
export function contentDir(): string {
  return process.env.CONTENT_DIR ?? path.resolve(process.cwd(), "content");
}

/** A content file that is missing, not JSON, or does not match its schema. Stops start-up. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Content file ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

/** Reads `content/<relPath>` and validates it; throws ContentError naming the file and each bad field. */
export function readContentJson<S extends z.ZodType>(relPath: string, schema: S, dir = contentDir()): z.infer<S> {
  const file = path.join(dir, relPath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ContentError(relPath, [error instanceof Error ? error.message : String(error)]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ContentError(
      relPath,
      result.error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(file)"}: ${issue.message}`),
    );
  }
  return result.data;
}
