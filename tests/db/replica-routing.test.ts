// Read-replica pieces without a server: DATABASE_REPLICA_URLS validation, LSN order, the bounded
// in-memory read-your-writes state, and the router's choice (tests/db/read-replicas.test.ts runs the real thing).
import { ConfigError, describeConfig, loadConfig } from "../../src/config";
import { ReadRouter } from "../../src/db/replicas/read-routing";
import { parseLsn, replicaName, type Replica, type ReplicaSet } from "../../src/db/replicas/replica-set";
import { MemoryViewerWrites } from "../../src/db/replicas/viewer-writes";

const PRIMARY = "postgres://u:pw@db-primary:5432/news";

describe("DATABASE_REPLICA_URLS", () => {
  it("takes comma-separated postgres URLs, masked in logs", () => {
    const c = loadConfig({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: "postgres://u:pw@r1/news, postgresql://u:pw@r2:5433/news" });
    expect(c.DATABASE_REPLICA_URLS).toEqual(["postgres://u:pw@r1/news", "postgresql://u:pw@r2:5433/news"]);
    expect(JSON.stringify(describeConfig(c))).not.toContain("pw");
    expect(loadConfig({}).DATABASE_REPLICA_URLS).toBeUndefined();
  });

  it("refuses what is not a postgres URL, a replica listed twice, and replicas without DATABASE_URL", () => {
    expect(() => loadConfig({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: "http://r1/news" })).toThrow(/DATABASE_REPLICA_URLS: each replica must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: "postgres://r1/x,postgres://r1/x" })).toThrow(/listed twice/);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: "postgres://r1/news" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: PRIMARY, REPLICA_MAX_LAG_MS: "-1" })).toThrow(/REPLICA_MAX_LAG_MS/);
  });

  it("names replicas without credentials", () => {
    expect(replicaName("postgres://u:pw@r2:5433/news")).toBe("r2:5433/news");
  });
});

describe("LSNs", () => {
  it("order as PostgreSQL orders them", () => {
    expect(parseLsn("0/349E3A0") < parseLsn("0/349E3A8")).toBe(true);
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
    expect(() => parseLsn("nonsense")).toThrow();
  });
});

describe("MemoryViewerWrites", () => {
  it("keeps the most recent writers only, each for its time to live", async () => {
    const w = new MemoryViewerWrites(60_000, 2);
    await w.record("a", "0/1");
    await w.record("b", "0/2");
    await w.record("c", "0/3");
    expect(await w.last("a")).toBeUndefined();
    expect(await w.last("c")).toBe("0/3");
    const expired = new MemoryViewerWrites(-1);
    await expired.record("a", "0/1");
    expect(await expired.last("a")).toBeUndefined();
  });
});

describe("ReadRouter.pick", () => {
  const replica = (name: string, state: Replica["state"], replay: string) => ({ name, state, replayLsn: parseLsn(replay) }) as unknown as Replica;
  const routerOver = (replicas: Replica[], writes = new MemoryViewerWrites(60_000), insertLsn = "0/100") =>
    new ReadRouter({ healthy: () => replicas.filter((r) => r.state === "up") } as unknown as ReplicaSet, writes, async () => insertLsn);

  it("reads from a healthy replica, and from the primary when none is healthy", async () => {
    expect((await routerOver([replica("r1", "up", "0/10")]).pick(null))?.name).toBe("r1");
    expect(await routerOver([replica("r1", "lagging", "0/10"), replica("r2", "down", "0/10")]).pick(null)).toBeUndefined();
  });

  it("keeps a writer on the primary until a replica has replayed their write", async () => {
    const r1 = replica("r1", "up", "0/F0");
    const r2 = replica("r2", "up", "0/F8");
    const router = routerOver([r1, r2], new MemoryViewerWrites(60_000), "0/100");
    await router.recordWrite("writer");
    expect(await router.pick("writer")).toBeUndefined();
    expect(await router.pick("someone else")).toBeDefined();
    (r2 as { replayLsn: bigint }).replayLsn = parseLsn("0/100");
    for (let i = 0; i < 4; i++) expect((await router.pick("writer"))?.name).toBe("r2");
  });

  it("treats an insert position just past a WAL page header as the end of the record before it", async () => {
    const r1 = replica("r1", "up", "0/2000"); // replayed to the end of page 0/0000–0/2000
    const router = routerOver([r1], new MemoryViewerWrites(60_000), "0/2018"); // insert position after page 0/2000's header
    await router.recordWrite("writer");
    expect((await router.pick("writer"))?.name).toBe("r1");
  });

  it("reads from the primary when it cannot tell whether the viewer just wrote", async () => {
    const failing = { record: async () => {}, last: async () => Promise.reject(new Error("Redis is away")), close: async () => {} };
    const router = new ReadRouter({ healthy: () => [replica("r1", "up", "0/10")] } as unknown as ReplicaSet, failing, async () => "0/1");
    expect(await router.pick("viewer")).toBeUndefined();
    expect(await router.pick(null)).toBeDefined();
  });
});
