import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** The server's own handler: it may answer later (a promise), and may fail either way. */
type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** What Node's server calls with each request it reads. */
type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Answers a request whose handler failed: `failedPage` (the server's own, with no detail of the failure)
 * if nothing was sent yet, else the connection closed.
 */
function failed(res: ServerResponse, error: unknown, failedPage: string): void {
  console.error(error);
  if (res.headersSent) res.destroy();
  else res.writeHead(500, { "Content-Type": "text/html; charset=utf-8" }).end(failedPage);
}

/**
 * Wraps the server's request handler so that the requests read in one turn of the event loop start
 * together in the next, the connection answered longest ago first.
 *
 * Node runs each request's handler as soon as it reads it, in the order the kernel lists the ready
 * connections. A page renders within one turn, so the connection answered last in a round sends its
 * next request just after the server has looked for work: it waits a whole round, and the kernel then
 * lists it last again. Under load one or two connections in ten were answered every other round, at
 * twice everyone else's wait (docs/decisions/2026-12-05-requests-in-arrival-order.md). Ordered here, a
 * request that missed a round goes first in the next one. Only the start is ordered: a handler waiting
 * on the database (PostgreSQL) does not hold up the others, and requests started together still share
 * one audit commit (app/models/audit.server.ts).
 */
export function inArrivalOrder(serve: Handler, failedPage: string): Listener {
  let read: [IncomingMessage, ServerResponse][] = [];
  let turnAsked = false;
  let answers = 0;
  /** Each connection's place in the order of answers; a connection not answered yet comes first. */
  const answeredAt = new WeakMap<Socket, number>();
  const place = (req: IncomingMessage) => answeredAt.get(req.socket) ?? 0;
  function startRead() {
    turnAsked = false;
    const starting = read.sort(([a], [b]) => place(a) - place(b));
    read = [];
    for (const [req, res] of starting) {
      // A client that left while its request waited gets nothing made for it.
      if (req.socket.destroyed) continue;
      res.once("finish", () => answeredAt.set(req.socket, ++answers));
      // One request's failure, thrown or rejected, stops neither the others started with it nor the
      // server (a rejection nobody handled stopped the whole portal).
      try {
        void Promise.resolve(serve(req, res)).catch((error: unknown) => failed(res, error, failedPage));
      } catch (error) {
        failed(res, error, failedPage);
      }
    }
  }
  return (req, res) => {
    read.push([req, res]);
    if (!turnAsked) {
      turnAsked = true;
      setImmediate(startRead);
    }
  };
}
