// Paged list of comments.
import { ObjectType } from "type-graphql";
import { Comment } from "../../entities/comment.entity";
import { ConnectionType, EdgeType } from "../../src/pagination/connection.types";

@ObjectType({ description: "A comment in a list, with its cursor." })
export class CommentEdge extends EdgeType(Comment) {}

@ObjectType({ description: "A page of comments." })
export class CommentConnection extends ConnectionType(CommentEdge) {}
