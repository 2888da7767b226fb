// Standard Webhooks signatures (https://www.standardwebhooks.com), made with the `standardwebhooks`
// package: `webhook-id`, `webhook-timestamp` and `webhook-signature` (v1, HMAC-SHA256 of
// "id.timestamp.body" under the watch's secret).
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new signing secret in the spec's form: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function signPayload(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const seconds = Math.floor(at.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(seconds),
    "webhook-signature": new Webhook(secret).sign(id, new Date(seconds * 1000), body),
  };
}
