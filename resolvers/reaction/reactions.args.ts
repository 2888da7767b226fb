// Arguments of an article's reaction list.
import { ArgsType, Field } from "type-graphql";
import { ReactionOrigin } from "../../entities/reaction-origin.enum";
import { Sentiment } from "../../entities/sentiment.enum";
import { ConnectionArgs } from "../connection.args";

@ArgsType()
export class ReactionsArgs extends ConnectionArgs {
  @Field(() => ReactionOrigin, { nullable: true, description: "Only reactions of this origin." })
  origin?: ReactionOrigin | null;

  @Field(() => Sentiment, { nullable: true, description: "Only reactions with this sentiment." })
  sentiment?: Sentiment | null;
}
