// Log formats: JSON for collectors and pipes, readable lines (pino-pretty) on a terminal or on request;
// and a start-up without Apollo's "Enabling inline tracing" line.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { resolveLogFormat } from "../../src/logger";

const DIST = join(__dirname, "..", "..");

function logOnce(format: string): string {
  const script = `const { createLogger } = require("./src/logger"); createLogger("info", ${JSON.stringify(format)}).info({ requestId: "r-1" }, "hello there");`;
  return spawnSync(process.execPath, ["-e", script], { cwd: DIST, encoding: "utf8" }).stdout;
}

it("picks pretty on a terminal and JSON elsewhere for auto", () => {
  expect(resolveLogFormat("auto", true)).toBe("pretty");
  expect(resolveLogFormat("auto", false)).toBe("json");
  expect(resolveLogFormat("json", true)).toBe("json");
  expect(resolveLogFormat("pretty", false)).toBe("pretty");
});

it("writes JSON lines, or readable lines with LOG_FORMAT=pretty", () => {
  expect(JSON.parse(logOnce("json"))).toMatchObject({ level: 30, msg: "hello there", requestId: "r-1" });
  const pretty = logOnce("pretty");
  expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: hello there \{"requestId":"r-1"\}\n$/);
});
