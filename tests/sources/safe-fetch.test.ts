// The safe fetcher against a local server: SSRF refusals (IP literals, names resolved at connect time,
// redirects), timeouts, the body cap, decompression, redirects; plus the address rules and robots.txt.
import { brotliCompressSync, gzipSync } from "node:zlib";
import { isPrivateAddress } from "../../src/sources/address-guard";
import { FetchError, parseRetryAfter } from "../../src/sources/fetch-errors";
import { RobotsCache } from "../../src/sources/robots";
import { safeFetch } from "../../src/sources/safe-fetch";
import { startFakeWeb, testPolicy, type FakeWeb } from "./support";

let web: FakeWeb;
beforeAll(async () => {
  web = await startFakeWeb();
});
afterAll(() => web.close());

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    if (err instanceof FetchError) return err.code;
    throw err;
  }
}

describe("address rules", () => {
  it("knows loopback, private, link-local, metadata and mapped addresses from public ones", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "100.64.0.1",
      "::1",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
    ]) {
      expect([ip, isPrivateAddress(ip)]).toEqual([ip, true]);
    }
    for (const ip of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect([ip, isPrivateAddress(ip)]).toEqual([ip, false]);
  });
});

describe("safeFetch", () => {
  it("refuses private addresses unless allowed: IP literals, names resolved at connect time, other schemes", async () => {
    web.routes.set("/ok", (_req, res) => res.end("fine"));
    const strict = testPolicy({ allowPrivate: false });
    expect(await code(safeFetch(`${web.url}/ok`, strict))).toBe("PRIVATE_ADDRESS");
    // A name: refused by the lookup hook, when connecting.
    expect(await code(safeFetch(web.url.replace("127.0.0.1", "localhost") + "/ok", strict))).toBe("PRIVATE_ADDRESS");
    expect(await code(safeFetch("http://169.254.169.254/latest/meta-data/", strict))).toBe("PRIVATE_ADDRESS");
    expect(await code(safeFetch("http://[::1]/", strict))).toBe("PRIVATE_ADDRESS");
    expect(await code(safeFetch("ftp://example.com/feed", strict))).toBe("UNSUPPORTED_SCHEME");
    expect(await code(safeFetch("file:///etc/passwd", strict))).toBe("UNSUPPORTED_SCHEME");
    expect(await code(safeFetch("not a url", strict))).toBe("BAD_URL");
    expect(web.hits("/ok")).toBe(0);
    expect((await safeFetch(`${web.url}/ok`, testPolicy())).body.toString()).toBe("fine");
  });

  it("refuses a redirect to a private address (SOURCES_ALLOW_PRIVATE off)", async () => {
    web.routes.set("/jump", (_req, res) => {
      res.statusCode = 302;
      res.setHeader("location", "http://127.0.0.2:9/internal");
      res.end();
    });
    // The test server itself is on loopback: only 127.0.0.2 counts as private here, so the first hop is allowed.
    const policy = testPolicy({ allowPrivate: false, isBlocked: (ip) => ip === "127.0.0.2" });
    expect(await code(safeFetch(`${web.url}/jump`, policy))).toBe("PRIVATE_ADDRESS");
    expect(web.hits("/jump")).toBe(1);
  });

  it("follows a few redirects, not more", async () => {
    for (let i = 0; i < 5; i++) {
      web.routes.set(`/r${i}`, (_req, res) => {
        res.statusCode = 301;
        res.setHeader("location", `/r${i + 1}`);
        res.end();
      });
    }
    web.routes.set("/r5", (_req, res) => res.end("landed"));
    expect((await safeFetch(`${web.url}/r3`, testPolicy())).body.toString()).toBe("landed");
    expect(await code(safeFetch(`${web.url}/r0`, testPolicy({ maxRedirects: 3 })))).toBe("TOO_MANY_REDIRECTS");
  });

  it("times out on a slow server, and caps the body even when it is compressed", async () => {
    web.routes.set("/slow", (_req, res) => {
      res.setHeader("content-type", "text/plain");
      res.write("start");
      setTimeout(() => res.end("late"), 3000).unref();
    });
    expect(await code(safeFetch(`${web.url}/slow`, testPolicy({ timeoutMs: 300 })))).toBe("TIMEOUT");
    web.routes.set("/big", (_req, res) => res.end("x".repeat(50_000)));
    expect(await code(safeFetch(`${web.url}/big`, testPolicy({ maxBytes: 10_000 })))).toBe("TOO_LARGE");
    // A small gzip body that inflates past the cap (a zip bomb) is cut off too.
    const bomb = gzipSync(Buffer.alloc(5_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    web.routes.set("/bomb", (_req, res) => {
      res.setHeader("content-encoding", "gzip");
      res.end(bomb);
    });
    expect(await code(safeFetch(`${web.url}/bomb`, testPolicy({ maxBytes: 100_000 })))).toBe("TOO_LARGE");
  });

  it("decompresses gzip and brotli, and sends the User-Agent", async () => {
    web.routes.set("/gz", (_req, res) => {
      res.setHeader("content-encoding", "gzip");
      res.end(gzipSync("hello gzip"));
    });
    web.routes.set("/br", (_req, res) => {
      res.setHeader("content-encoding", "br");
      res.end(brotliCompressSync("hello brotli"));
    });
    expect((await safeFetch(`${web.url}/gz`, testPolicy())).body.toString()).toBe("hello gzip");
    expect((await safeFetch(`${web.url}/br`, testPolicy())).body.toString()).toBe("hello brotli");
    const last = web.log.filter((l) => l.path === "/br").pop()!;
    expect(last.headers["user-agent"]).toBe("newsgraph-test");
    expect(last.headers["accept-encoding"]).toMatch(/br/);
  });

  it("reads Retry-After as seconds or a date", () => {
    const now = new Date("2026-12-07T10:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Mon, 07 Dec 2026 10:05:00 GMT", now)).toBe(300_000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe("robots.txt", () => {
  it("disallows what robots.txt disallows for our User-Agent, and allows everything when there is none", async () => {
    web.routes.set("/robots.txt", (_req, res) => res.end("User-agent: newsgraph-test\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n"));
    const robots = new RobotsCache(testPolicy());
    expect(await robots.allows(`${web.url}/private/feed.xml`)).toBe(false);
    expect(await robots.allows(`${web.url}/public/feed.xml`)).toBe(true);
    expect(await new RobotsCache(testPolicy({ userAgent: "other-bot" })).allows(`${web.url}/public/feed.xml`)).toBe(false);
    web.routes.delete("/robots.txt");
    expect(await new RobotsCache(testPolicy()).allows(`${web.url}/private/feed.xml`)).toBe(true);
  });
});
