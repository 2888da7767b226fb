// A DATABASE_URL that leads nowhere fails start-up with a message that names the setting (password
// masked), the raw reason and what to check, not only "connect ECONNREFUSED 127.0.0.1:4699".
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { openDatabase } from "../../src/db/database";
import { projectPath } from "../../src/paths";

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it("names DATABASE_URL, masks its password and says what to check when the port is closed", async () => {
  const port = await closedPort();
  const url = `postgres://postgres:hunter2@127.0.0.1:${port}/newsgraph`;
  const err = (await openDatabase({ url }).then(
    () => undefined,
    (e: unknown) => e,
  )) as Error & { code?: string };
  expect(err.code).toBe("DATABASE_UNREACHABLE");
  expect(err.message).toContain(`DATABASE_URL=postgres://postgres:***@127.0.0.1:${port}/newsgraph`);
  expect(err.message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  expect(err.message).toContain("is PostgreSQL running");
  expect(err.message).not.toContain("hunter2");
});

it("`newsgraph migrate` prints that message and exits non-zero", async () => {
  const port = await closedPort();
  const child = spawn(process.execPath, [projectPath("bin", "newsgraph.js"), "migrate"], {
    env: { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/test` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  expect(code).not.toBe(0);
  expect(stderr).toMatch(/^DATABASE_UNREACHABLE: cannot connect to DATABASE_URL=postgres:\/\/postgres@127\.0\.0\.1:\d+\/test \(connect ECONNREFUSED/);
});
