// Editors' mutations: articles, quotes and speakers. EDITOR (or ADMIN) only; rules in EditorialService.
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Article } from "../../entities/article.entity";
import { Quote } from "../../entities/quote.entity";
import { Speaker } from "../../entities/speaker.entity";
import type { RequestContext } from "../../src/graphql/context";
import { AddQuoteInput } from "../quote/add-quote.input";
import { CreateArticleInput } from "../article/create-article.input";
import { CreateSpeakerInput } from "../speaker/create-speaker.input";
import { UpdateArticleInput } from "../article/update-article.input";
import { UpdateQuoteInput } from "../quote/update-quote.input";
import { UpdateSpeakerInput } from "../speaker/update-speaker.input";

@Authorized("EDITOR")
@Resolver()
export class EditorialResolver {
  @Mutation(() => Article, { description: "Creates an article as a DRAFT (visible to editors only until published). EDITOR only." })
  createArticle(@Ctx() ctx: RequestContext, @Arg("input", () => CreateArticleInput, { description: "The article." }) input: CreateArticleInput): Promise<Article> {
    return ctx.services.editorial.createArticle(ctx, input);
  }

  @Mutation(() => Article, { description: "Changes an article's text or details. EDITOR only." })
  updateArticle(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "The article." }) id: string,
    @Arg("input", () => UpdateArticleInput, { description: "The changes." }) input: UpdateArticleInput,
  ): Promise<Article> {
    return ctx.services.editorial.updateArticle(ctx, id, input);
  }

  @Mutation(() => Article, { description: "Makes an article public (publishedAt becomes now when empty). EDITOR only." })
  publishArticle(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The article." }) id: string): Promise<Article> {
    return ctx.services.editorial.publishArticle(ctx, id);
  }

  @Mutation(() => Article, { description: "Takes an article back to DRAFT: it, its quotes and comments disappear from public view. EDITOR only." })
  unpublishArticle(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The article." }) id: string): Promise<Article> {
    return ctx.services.editorial.unpublishArticle(ctx, id);
  }

  @Mutation(() => ID, { description: "Deletes an article with its quotes, reactions and comments; returns its id. EDITOR only." })
  deleteArticle(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The article." }) id: string): Promise<string> {
    return ctx.services.editorial.deleteArticle(ctx, id);
  }

  @Mutation(() => Quote, { description: "Adds a quote to an article, after its existing quotes. EDITOR only." })
  addQuote(@Ctx() ctx: RequestContext, @Arg("input", () => AddQuoteInput, { description: "The quote." }) input: AddQuoteInput): Promise<Quote> {
    return ctx.services.editorial.addQuote(ctx, input);
  }

  @Mutation(() => Quote, { description: "Fixes a quote's text, kind, offsets, cue or speaker. EDITOR only." })
  updateQuote(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "The quote." }) id: string,
    @Arg("input", () => UpdateQuoteInput, { description: "The corrections." }) input: UpdateQuoteInput,
  ): Promise<Quote> {
    return ctx.services.editorial.updateQuote(ctx, id, input);
  }

  @Mutation(() => ID, { description: "Deletes a quote; returns its id. EDITOR only." })
  deleteQuote(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The quote." }) id: string): Promise<string> {
    return ctx.services.editorial.deleteQuote(ctx, id);
  }

  @Mutation(() => Speaker, { description: "Creates a speaker. EDITOR only." })
  createSpeaker(@Ctx() ctx: RequestContext, @Arg("input", () => CreateSpeakerInput, { description: "The speaker." }) input: CreateSpeakerInput): Promise<Speaker> {
    return ctx.services.editorial.createSpeaker(ctx, input);
  }

  @Mutation(() => Speaker, { description: "Changes a speaker's name, role, kind, aliases or Wikidata id. EDITOR only." })
  updateSpeaker(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "The speaker." }) id: string,
    @Arg("input", () => UpdateSpeakerInput, { description: "The changes." }) input: UpdateSpeakerInput,
  ): Promise<Speaker> {
    return ctx.services.editorial.updateSpeaker(ctx, id, input);
  }

  @Mutation(() => Speaker, {
    description:
      "Merges two records of one speaker in one transaction: every quote of `from` moves to `into`, `from`'s name and aliases become aliases of `into`, and `from` is deleted. Returns `into`. EDITOR only.",
  })
  mergeSpeakers(
    @Ctx() ctx: RequestContext,
    @Arg("from", () => ID, { description: "The speaker merged away (deleted)." }) from: string,
    @Arg("into", () => ID, { description: "The speaker kept." }) into: string,
  ): Promise<Speaker> {
    return ctx.services.editorial.mergeSpeakers(ctx, from, into);
  }
}
