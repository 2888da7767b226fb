// The offline GraphiQL in a real browser (headless Chromium through puppeteer-core): it renders, offers
// one tab per example operation, runs the first one (the front page) and shows data, and the browser
// asks nothing of any other origin. Skipped, with a printed reason, where no Chromium is installed
// (.ci/run installs one; CHROMIUM_PATH names another).
import { existsSync, readdirSync } from "node:fs";
import type { Browser } from "puppeteer-core";
import { seed } from "../../src/seed/seed";
import { projectPath } from "../../src/paths";
import { startTestApp, type TestApp } from "../support/test-app";

const chromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p): p is string => Boolean(p && existsSync(p)));
if (!chromium) console.log("landing-page-browser.test: skipped, no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)");
const maybe = chromium ? describe : describe.skip;

maybe("GraphiQL in headless Chromium", () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: "development" });
    await seed(t.db.dataSource);
    const puppeteer = await import("puppeteer-core");
    browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("renders the example operations as tabs and runs the front page with data, all from this server", async () => {
    const page = await browser.newPage();
    const origins = new Set<string>();
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (url.protocol.startsWith("http")) origins.add(url.origin);
    });
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(String(err)));
    await page.goto(`${t.url}/`, { waitUntil: "load" });
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click('a[href="/graphiql"]')]);
    await page.waitForSelector(".graphiql-container", { timeout: 60_000 });
    const operations = readdirSync(projectPath("schema", "operations")).filter((f) => f.endsWith(".graphql"));
    // Browser-side code as strings: this project compiles without the DOM's types.
    await page.waitForFunction(`document.querySelectorAll(".graphiql-tab").length === ${operations.length}`, { timeout: 30_000 });

    await page.click(".graphiql-execute-button");
    const responseText = `document.querySelector(".graphiql-response")?.textContent ?? ""`;
    await page.waitForFunction(`(${responseText}).includes('"articles"')`, { timeout: 60_000 });
    const response = (await page.evaluate(responseText)) as string;
    expect(response).toContain("Putin Backs Trump");
    expect(response).not.toContain('"errors"');
    expect([...origins]).toEqual([t.url]);
    expect(errors).toEqual([]);
  }, 180_000);
});
