// Arguments of the speaker list.
import { ArgsType, Field } from "type-graphql";
import { ConnectionArgs } from "../connection.args";
import { SpeakerOrder } from "./speaker-order.enum";

@ArgsType()
export class SpeakersArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: "Only speakers whose name, alias or role contains this text (case-insensitive)." })
  search?: string | null;

  @Field(() => SpeakerOrder, { defaultValue: SpeakerOrder.NAME, description: "How to sort them." })
  orderBy: SpeakerOrder;
}
