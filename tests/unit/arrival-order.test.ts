import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { inArrivalOrder } from "~/server/arrival-order.server";

/** The server's page for a request whose handling failed (scripts/serve.mjs gives its own). */
const FAILED_PAGE = "<h1>Sorry, there is a problem with the service</h1>";

/** A keep-alive connection: each request on it is a new message on the same socket. */
function connection(name: string) {
  const socket = { destroyed: false };
  return {
    name,
    socket,
    request() {
      const req = { socket, name } as unknown as IncomingMessage;
      const res = new EventEmitter() as unknown as ServerResponse;
      return [req, res] as const;
    },
  };
}

/** The server as the wrapper sees it: each request answered as soon as it starts, its start written down. */
function server() {
  const started: string[] = [];
  const handle = inArrivalOrder((req, res) => {
    started.push((req as unknown as { name: string }).name);
    res.emit("finish");
  }, FAILED_PAGE);
  /** Requests read in one turn, in the kernel's order. */
  const read = async (...connections: ReturnType<typeof connection>[]) => {
    started.length = 0;
    for (const c of connections) handle(...c.request());
    await nextTurn();
    return [...started];
  };
  return { read, started, handle };
}

describe("requests start in arrival order", () => {
  it("starts the requests read in one turn together in the next, not as each is read", async () => {
    const { handle, started } = server();
    const [a, b] = [connection("a"), connection("b")];
    handle(...a.request());
    handle(...b.request());
    expect(started).toEqual([]);
    await nextTurn();
    expect(started).toEqual(["a", "b"]);
  });

  it("starts a connection that missed a round before the ones answered since, whatever the kernel's order", async () => {
    const { read } = server();
    const [a, b, c] = [connection("a"), connection("b"), connection("c")];
    expect(await read(a, b, c)).toEqual(["a", "b", "c"]);
    // c, answered last, sent its next request just after the server looked: a and b go round without it.
    expect(await read(a, b)).toEqual(["a", "b"]);
    // The kernel lists c last again; it has waited longest, so it goes first.
    expect(await read(a, b, c)).toEqual(["c", "a", "b"]);
    // A connection not answered yet (a new one) comes before all of them.
    const d = connection("d");
    expect(await read(b, a, c, d)).toEqual(["d", "c", "a", "b"]);
  });

  it("answers a request whose handler throws or rejects with the server's 500 page, and still starts the others", async () => {
    const started: string[] = [];
    const answered: { status: number; body: string }[] = [];
    const handle = inArrivalOrder((req) => {
      const name = (req as unknown as { name: string }).name;
      if (name === "throws") throw new Error("a handler's own failure");
      if (name === "rejects") return Promise.reject(new Error("a handler's own later failure"));
      started.push(name);
    }, FAILED_PAGE);
    const failing = ["throws", "rejects"].map((name) => {
      const request = connection(name).request();
      Object.assign(request[1], {
        headersSent: false,
        writeHead(status: number) {
          return { end: (body: string) => answered.push({ status, body }) };
        },
      });
      return request;
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const request of failing) handle(...request);
    handle(...connection("b").request());
    await nextTurn();
    await nextTurn();
    quiet.mockRestore();
    expect(started).toEqual(["b"]);
    expect(answered.map((a) => a.status)).toEqual([500, 500]);
    for (const { body } of answered) {
      expect(body).toContain("Sorry, there is a problem with the service");
      expect(body).not.toContain("failure");
    }
  });

  it("makes nothing for a client that left while its request waited", async () => {
    const { handle, started } = server();
    const [a, b] = [connection("a"), connection("b")];
    handle(...a.request());
    handle(...b.request());
    a.socket.destroyed = true;
    await nextTurn();
    expect(started).toEqual(["b"]);
  });
});
