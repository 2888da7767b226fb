// The domain services, created once per process over one DataSource and shared by all requests.
import type { DataSource } from "typeorm";
import { ArticleService } from "./articles/article.service";
import { CommentService } from "./comments/comment.service";
import { OutletService } from "./outlets/outlet.service";
import { QuoteService } from "./quotes/quote.service";
import { ReactionService } from "./reactions/reaction.service";
import { SpeakerService } from "./speakers/speaker.service";

export interface Services {
  articles: ArticleService;
  comments: CommentService;
  outlets: OutletService;
  quotes: QuoteService;
  reactions: ReactionService;
  speakers: SpeakerService;
}

export function createServices(ds: DataSource): Services {
  return {
    articles: new ArticleService(ds),
    comments: new CommentService(ds),
    outlets: new OutletService(ds),
    quotes: new QuoteService(ds),
    reactions: new ReactionService(ds),
    speakers: new SpeakerService(ds),
  };
}
