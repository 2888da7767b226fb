// robots.txt, read with robots-parser and kept per origin for an hour. A robots.txt that is missing
// (4xx) allows everything; one that cannot be fetched (5xx, network) allows everything too, but is
// asked again on the next poll rather than kept.
import robotsParser from "robots-parser";
import { isFetchError } from "./fetch-errors";
import { safeFetch, type FetchPolicy } from "./safe-fetch";

const KEEP_MS = 3_600_000;

interface Entry {
  at: number;
  robot: ReturnType<typeof robotsParser> | null;
}

export class RobotsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: FetchPolicy,
    private readonly fetcher: (url: string, policy: FetchPolicy) => ReturnType<typeof safeFetch> = safeFetch,
  ) {}

  /** Whether robots.txt of the URL's origin lets our User-Agent fetch it. */
  async allows(url: string, now = Date.now()): Promise<boolean> {
    const origin = new URL(url).origin;
    let entry = this.entries.get(origin);
    if (!entry || now - entry.at > KEEP_MS) {
      entry = await this.load(origin, now);
    }
    if (!entry.robot) return true;
    return entry.robot.isAllowed(url, this.policy.userAgent) !== false;
  }

  private async load(origin: string, now: number): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await this.fetcher(robotsUrl, { ...this.policy, maxBytes: Math.min(this.policy.maxBytes, 500_000) });
      const entry: Entry = { at: now, robot: res.status >= 200 && res.status < 300 ? robotsParser(robotsUrl, res.body.toString("utf8")) : null };
      if (res.status < 500) this.entries.set(origin, entry);
      return entry;
    } catch (err) {
      // An origin we may not reach at all (private address) is refused by the fetch itself, not here.
      if (isFetchError(err) && err.code === "PRIVATE_ADDRESS") throw err;
      return { at: now, robot: null };
    }
  }
}
