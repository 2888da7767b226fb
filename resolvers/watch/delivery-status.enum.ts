// Where a webhook delivery stands.
import { registerEnumType } from "type-graphql";

export enum DeliveryStatus {
  PENDING = "PENDING",
  DELIVERED = "DELIVERED",
  FAILED = "FAILED",
}

registerEnumType(DeliveryStatus, {
  name: "DeliveryStatus",
  description: "Where a webhook delivery stands.",
  valuesConfig: {
    PENDING: { description: "Waiting to be sent, or to be sent again after a failure." },
    DELIVERED: { description: "The receiver answered 2xx." },
    FAILED: { description: "Retries ran out (WEBHOOK_MAX_AGE_SECONDS); see lastError. replayDeliveries sends it again." },
  },
});
