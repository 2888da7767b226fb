// loadEach (src/pubsub/streams.ts): an event's load that fails while the subscription is open reaches the
// subscriber; one that fails after the subscriber left (the database closing under a shutting-down
// server) must not surface as an unhandled rejection, which fails the process's test run (and, in
// production, is logged as a crash-level error).
import { loadEach } from "../../src/pubsub/streams";

/** One event now, then nothing more. */
async function* oneEvent(): AsyncGenerator<number> {
  yield 1;
  await new Promise(() => undefined);
}

describe("subscription streams", () => {
  it("drops a load that fails after the subscriber left", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on("unhandledRejection", onUnhandled);
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const events = loadEach(oneEvent(), async () => {
        await gate;
        throw new Error("Connection terminated");
      })[Symbol.asyncIterator]();
      const pending = events.next();
      // Let the event reach the load, then leave while it is still running.
      await new Promise((r) => setTimeout(r, 10));
      // (A repeater's return waits for its executor, which waits for the load: release the load after it.)
      const left = events.return?.();
      release();
      await left;
      await new Promise((r) => setTimeout(r, 50));
      expect(await pending).toEqual({ done: true, value: undefined });
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("passes a load's failure to a subscriber still listening, and drops events that load to null", async () => {
    let n = 0;
    async function* threeEvents(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      yield 3;
    }
    const events = loadEach(threeEvents(), async (e) => {
      n += 1;
      if (e === 1) return null;
      if (e === 2) return "two";
      throw new Error("lost the database");
    })[Symbol.asyncIterator]();
    expect(await events.next()).toEqual({ done: false, value: "two" });
    await expect(events.next()).rejects.toThrow("lost the database");
    expect(n).toBe(3);
  });
});
