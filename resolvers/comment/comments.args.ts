// Arguments of comment lists.
import { ArgsType, Field } from "type-graphql";
import { CommentOrder } from "./comment-order.enum";
import { ConnectionArgs } from "../connection.args";

@ArgsType()
export class CommentsArgs extends ConnectionArgs {
  @Field(() => CommentOrder, { defaultValue: CommentOrder.NEWEST, description: "How to sort the comments." })
  orderBy: CommentOrder;
}

@ArgsType()
export class RepliesArgs extends ConnectionArgs {
  @Field(() => CommentOrder, { defaultValue: CommentOrder.OLDEST, description: "How to sort the replies." })
  orderBy: CommentOrder;
}
