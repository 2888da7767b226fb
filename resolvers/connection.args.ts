// Relay pagination arguments shared by every list field.
import { ArgsType, Field, Int } from "type-graphql";
import type { ConnectionArgsLike } from "../src/pagination/page-request";

@ArgsType()
export class ConnectionArgs implements ConnectionArgsLike {
  @Field(() => Int, { nullable: true, description: "Return the first N items after `after` (at most 100; 20 when no size is given)." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: return items after this one." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: "Return the last N items before `before` (at most 100)." })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: return items before this one." })
  before?: string | null;
}
