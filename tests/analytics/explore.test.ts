// The /explore page: served (off in production unless enabled), and driven in a real browser (Debian's
// chromium through playwright-core, never a downloaded browser) against a known corpus: the plot shows
// the timeline's periods and counts, the quote list pages, the export downloads the speaker's rows.
// The browser part skips, saying why, where chromium or playwright-core is missing.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectPath } from "../../src/paths";
import { buildAnalystCorpus } from "./corpus";
import { parseCsv } from "./http-get";
import type { BuiltGraph } from "../support/factory";
import { startTestApp, type TestApp } from "../support/test-app";
import type * as PlaywrightCore from "playwright-core";

/** Where browser tests leave their screenshots (ignored by git). */
export const TEST_OUTPUT = projectPath("test-output");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

function playwright(): typeof PlaywrightCore | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("playwright-core");
  } catch {
    return null;
  }
}

describe("the /explore page", () => {
  let t: TestApp;
  let g: BuiltGraph;
  beforeAll(async () => {
    t = await startTestApp();
    g = await buildAnalystCorpus(t.db.dataSource);
  });
  afterAll(() => t.close());

  it("serves the page and its plotting library from installed files, and is off when disabled", async () => {
    const page = await fetch(`${t.url}/explore`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/explore/assets/uPlot.iife.min.js");
    const lib = await fetch(`${t.url}/explore/assets/uPlot.iife.min.js`);
    expect(lib.status).toBe(200);
    expect(await lib.text()).toBe(readFileSync(projectPath("node_modules", "uplot", "dist", "uPlot.iife.min.js"), "utf8"));
    expect((await fetch(`${t.url}/explore/assets/nope.js`)).status).toBe(404);
    const off = await startTestApp({ EXPLORE_PAGE: "false" }, { db: t.db });
    try {
      expect((await fetch(`${off.url}/explore`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });

  const browserIt = CHROMIUM && playwright() ? it : it.skip;
  if (!CHROMIUM) console.warn("explore browser test skipped: no chromium (apt-get install chromium)");
  else if (!playwright()) console.warn("explore browser test skipped: playwright-core is not installed");

  browserIt(
    "plots a speaker's timeline, pages their quotes and downloads their export in chromium",
    async () => {
      const pw = playwright()!;
      const browser = await pw.chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
      try {
        const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1150, height: 1100 } });
        const page = await context.newPage();
        await page.goto(`${t.url}/explore`);
        await page.fill("#speaker", "Number2");
        await page.click("#suggestions li");
        await page.waitForSelector("#quotes tbody tr");
        const expected = await t.gql(`query($id: ID!){ speaker(id: $id){ timeline(interval: WEEK){ count } quotes{ totalCount } } }`, { id: g.speakerIds[2] });
        const timeline = expected.data.speaker.timeline.map((p: any) => p.count);
        expect(await page.getAttribute("#plot", "data-periods")).toBe(String(timeline.length));
        expect(await page.getAttribute("#plot", "data-counts")).toBe(timeline.join(","));
        expect(await page.locator("#plot canvas").count()).toBeGreaterThan(0);
        expect(await page.locator("#outlets tbody tr").count()).toBe(3);
        const total = expected.data.speaker.quotes.totalCount;
        expect(total).toBeGreaterThan(20);
        expect(await page.locator("#quotes tbody tr").count()).toBe(20);
        await page.click("#more");
        await page.waitForFunction("document.querySelectorAll('#quotes tbody tr').length > 20");
        expect(await page.locator("#quotes tbody tr").count()).toBe(Math.min(40, total));
        mkdirSync(TEST_OUTPUT, { recursive: true });
        await page.screenshot({ path: join(TEST_OUTPUT, "explore.png"), fullPage: true });
        const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export button")]);
        const rows = parseCsv(readFileSync((await download.path())!, "utf8"));
        expect(rows.length - 1).toBe(total);
        expect(new Set(rows.slice(1).map((r) => r[6]))).toEqual(new Set(["Speaker Number2"]));
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
