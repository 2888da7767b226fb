// `newsgraph token --role editor --sub alice` prints a token the server accepts with those claims.
import { main } from "../../src/cli/main";
import { TokenVerifier } from "../../src/auth/tokens";
import { TEST_JWT_SECRET } from "./support";

describe("newsgraph token", () => {
  const saved = process.env.AUTH_JWT_SECRET;
  afterEach(() => {
    if (saved === undefined) delete process.env.AUTH_JWT_SECRET;
    else process.env.AUTH_JWT_SECRET = saved;
    jest.restoreAllMocks();
  });

  it("prints a signed token with the role and subject asked for", async () => {
    process.env.AUTH_JWT_SECRET = TEST_JWT_SECRET;
    let out = "";
    jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    await main(["node", "newsgraph", "token", "--role", "editor", "moderator", "--sub", "alice", "--name", "Alice"]);
    const viewer = await new TokenVerifier({ AUTH_JWT_SECRET: TEST_JWT_SECRET }).verify(out.trim());
    expect(viewer).toEqual({ id: "alice", name: "Alice", roles: ["EDITOR", "MODERATOR"], expiresAt: expect.any(Date) });
  });

  it("refuses unknown roles and a missing secret", async () => {
    process.env.AUTH_JWT_SECRET = TEST_JWT_SECRET;
    await expect(main(["node", "newsgraph", "token", "--role", "king", "--sub", "x"])).rejects.toThrow(/Unknown role/);
    delete process.env.AUTH_JWT_SECRET;
    await expect(main(["node", "newsgraph", "token", "--sub", "x"])).rejects.toThrow(/AUTH_JWT_SECRET/);
  });
});
