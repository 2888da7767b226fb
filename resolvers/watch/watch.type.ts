// A watch, a delivery, and what createWatch answers (the only time the secret is shown).
import { Field, ID, Int, ObjectType } from "type-graphql";
import { QuoteKind } from "../../entities/quote-kind.enum";
import { DeliveryStatus } from "./delivery-status.enum";

@ObjectType({ description: "A saved quote search: each new quote that matches is POSTed to the webhook URL." })
export class Watch {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  id: string;

  @Field(() => String, { nullable: true, description: "The owner's name for it." })
  name: string | null;

  @Field(() => ID, { nullable: true, description: "Only quotes of this speaker." })
  speakerId: string | null;

  @Field(() => String, { nullable: true, description: "Only quotes containing these words (case-insensitive)." })
  words: string | null;

  @Field(() => ID, { nullable: true, description: "Only quotes in articles of this outlet." })
  outletId: string | null;

  @Field(() => QuoteKind, { nullable: true, description: "Only quotes of this kind." })
  kind: QuoteKind | null;

  @Field({ description: "Where deliveries are POSTed." })
  url: string;

  @Field({ description: "When it was created." })
  createdAt: Date;
}

@ObjectType({ description: "A new watch, with its signing secret: shown this once, keep it to verify deliveries." })
export class CreatedWatch {
  @Field(() => Watch, { description: "The watch." })
  watch: Watch;

  @Field({ description: "The Standard Webhooks signing secret (`whsec_…`)." })
  secret: string;
}

@ObjectType({ description: "One quote sent (or to be sent) to a watch's webhook. Its id is the `webhook-id` header: receivers drop repeats by it." })
export class WebhookDelivery {
  @Field(() => ID, { description: "Stable identifier, sent as `webhook-id`." })
  id: string;

  @Field(() => ID, { description: "The quote delivered." })
  quoteId: string;

  @Field(() => DeliveryStatus, { description: "Pending, delivered or failed." })
  status: DeliveryStatus;

  @Field(() => Int, { description: "Attempts made." })
  attempts: number;

  @Field({ description: "When it was written (with the quote)." })
  createdAt: Date;

  @Field({ description: "When it is (or was last) due." })
  nextAttemptAt: Date;

  @Field(() => Date, { nullable: true, description: "When the receiver accepted it." })
  deliveredAt: Date | null;

  @Field(() => Int, { nullable: true, description: "The receiver's last HTTP status." })
  lastStatus: number | null;

  @Field(() => String, { nullable: true, description: "The last failure, with its code (e.g. `HTTP_ERROR: …`, `CONNECTION_FAILED: …`)." })
  lastError: string | null;
}
