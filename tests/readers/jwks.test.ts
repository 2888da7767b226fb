// Tokens from an identity provider: newsgraph fetches its JWKS (AUTH_JWKS_URL) and accepts RS256
// tokens it signed, with issuer and audience checked; other keys are refused.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";
import type { TestApp } from "../support/test-app";
import { startReadersApp } from "./support";

describe("tokens verified against a JWKS", () => {
  let idp: Server;
  let t: TestApp;
  let key: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    idp = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => idp.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/.well-known/jwks.json`;
    t = await startReadersApp({ AUTH_JWKS_URL: url, AUTH_ISSUER: "https://idp.example", AUTH_AUDIENCE: "newsgraph" });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => idp.close(r));
  });

  const sign = (k: KeyLike, claims: Record<string, unknown>, iss = "https://idp.example") =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "k1" }).setSubject("idp-user").setIssuer(iss).setAudience("newsgraph").setIssuedAt().setExpirationTime("5m").sign(k);

  it("accepts the provider's tokens with their roles and name", async () => {
    const tok = await sign(key, { roles: "editor moderator", preferred_username: "Pat" });
    const res = await t.gql(`mutation { createSpeaker(input: { name: "From IdP" }) { name } }`, {}, { authorization: `Bearer ${tok}` });
    expect(res.data.createSpeaker.name).toBe("From IdP");
    const q = await t.gql(`{ moderationQueue { counts { pending } } }`, {}, { authorization: `Bearer ${tok}` });
    expect(q.errors).toBeUndefined();
  });

  it("refuses tokens signed by another key or for another issuer", async () => {
    const other = (await generateKeyPair("RS256")).privateKey;
    for (const tok of [await sign(other, { roles: ["ADMIN"] }), await sign(key, { roles: ["ADMIN"] }, "https://evil.example")]) {
      const res = await t.gql(`{ articles { totalCount } }`, {}, { authorization: `Bearer ${tok}` });
      expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
  });
});
