// Every TypeORM entity, for the DataSource.
import { Article } from "./article.entity";
import { CommentReport } from "./comment-report.entity";
import { Comment } from "./comment.entity";
import { Outlet } from "./outlet.entity";
import { Quote } from "./quote.entity";
import { Reaction } from "./reaction.entity";
import { Speaker } from "./speaker.entity";

export { Article, Comment, CommentReport, Outlet, Quote, Reaction, Speaker };
export const ENTITIES = [Outlet, Article, Speaker, Quote, Reaction, Comment, CommentReport];
