import type { Browserish } from "./http";

/**
 * Write load for the restore drills: four writers add help that costs nothing to one person's plan,
 * each entry with its own words (`${words} number N`), until stopped. An entry counts as written once
 * the portal has answered 302 (saved), with when it was sent and answered. Resolves once a dozen are written.
 */
export async function keepWriting(writer: Browserish, personId: string, words: string) {
  const acknowledged: { what: string; started: number; at: number }[] = [];
  let writing = true;
  let n = 0;
  const writers = Array.from({ length: 4 }, async () => {
    while (writing) {
      const what = `${words} number ${++n}`;
      const started = Date.now();
      const res = await writer.post(`/people/${personId}/plan/free-support`, {
        intent: "add",
        who: "A neighbour",
        what,
        howOften: "Every week",
      });
      if (res.status === 302) acknowledged.push({ what, started, at: Date.now() });
    }
  });
  while (acknowledged.length < 12) await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    acknowledged,
    stop: async () => {
      writing = false;
      await Promise.all(writers);
    },
  };
}
