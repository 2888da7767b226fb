// Token claims (issue 17, finding 12): roles compared with ASCII case folding only, `exp` required and
// bounded by AUTH_MAX_TOKEN_LIFETIME, and an audience required with a JWKS URL.
import { SignJWT } from "jose";
import { loadConfig } from "../../src/config";
import { parseRole } from "../../src/auth/roles";
import { TokenVerifier } from "../../src/auth/tokens";

const SECRET = "token-claims-test-secret-0123456789abcdef";
const verifier = new TokenVerifier({ AUTH_JWT_SECRET: SECRET, AUTH_MAX_TOKEN_LIFETIME: "1d" });
const now = Math.floor(Date.now() / 1000);

function sign(claims: Record<string, unknown>, times: { iat?: number; exp?: number }): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("claims-user");
  if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

it("folds role names with ASCII rules only: `admın` (dotless i) is no role", async () => {
  expect(parseRole("admin")).toBe("ADMIN");
  expect(parseRole("Editor")).toBe("EDITOR");
  expect(parseRole("adm\u0131n")).toBeNull();
  expect(parseRole("\u0131nvalid")).toBeNull();
  const viewer = await verifier.verify(await sign({ roles: ["adm\u0131n"] }, { iat: now, exp: now + 3600 }));
  expect(viewer.roles).toEqual(["READER"]);
});

it("refuses a token without exp", async () => {
  await expect(verifier.verify(await sign({ roles: ["EDITOR"] }, { iat: now }))).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
});

it("refuses a token living longer than AUTH_MAX_TOKEN_LIFETIME, and accepts one within it", async () => {
  await expect(verifier.verify(await sign({}, { iat: now, exp: now + 3 * 86400 }))).rejects.toThrow(/AUTH_MAX_TOKEN_LIFETIME/);
  await expect(verifier.verify(await sign({}, { exp: now + 3 * 86400 }))).rejects.toThrow(/AUTH_MAX_TOKEN_LIFETIME/);
  await expect(verifier.verify(await sign({}, { iat: now, exp: now + 3600 }))).resolves.toMatchObject({ id: "claims-user" });
});

it("requires AUTH_AUDIENCE with AUTH_JWKS_URL", () => {
  expect(() => loadConfig({ AUTH_JWKS_URL: "https://idp.example/.well-known/jwks.json" })).toThrow(/AUTH_AUDIENCE/);
  expect(loadConfig({ AUTH_JWKS_URL: "https://idp.example/.well-known/jwks.json", AUTH_AUDIENCE: "newsgraph" }).AUTH_AUDIENCE).toBe("newsgraph");
});
