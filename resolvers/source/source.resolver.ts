// Editors' GraphQL for live sources: sources, addSource, updateSource, pauseSource, removeSource.
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../src/graphql/context";
import { AddSourceInput, UpdateSourceInput } from "./source.input";
import { Source } from "./source.type";

@Authorized("EDITOR")
@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: "The live sources with their polling state, oldest first. EDITOR only." })
  sources(
    @Ctx() ctx: RequestContext,
    @Arg("failing", () => Boolean, { defaultValue: false, description: "Only sources whose last poll failed." }) failing: boolean,
    @Arg("first", () => Int, { defaultValue: 100, description: "At most this many (1 to 1000)." }) first: number,
  ): Promise<Source[]> {
    return ctx.services.sources.list({ failingOnly: failing, first }) as Promise<Source[]>;
  }

  @Mutation(() => Source, { description: "Adds a feed or sitemap to poll (due at once). EDITOR only." })
  addSource(@Ctx() ctx: RequestContext, @Arg("input", () => AddSourceInput, { description: "The source." }) input: AddSourceInput): Promise<Source> {
    return ctx.services.sources.add(input, ctx.user?.id ?? null) as Promise<Source>;
  }

  @Mutation(() => Source, { description: "Changes a source's URL, outlet, interval or kind. EDITOR only." })
  updateSource(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "The source." }) id: string,
    @Arg("input", () => UpdateSourceInput, { description: "The changes." }) input: UpdateSourceInput,
  ): Promise<Source> {
    return ctx.services.sources.update(id, input) as Promise<Source>;
  }

  @Mutation(() => Source, { description: "Pauses a source (paused: true, the default) or resumes it (false: polled at once). EDITOR only." })
  pauseSource(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "The source." }) id: string,
    @Arg("paused", () => Boolean, { defaultValue: true, description: "Pause (true) or resume (false)." }) paused: boolean,
  ): Promise<Source> {
    return ctx.services.sources.pause(id, paused) as Promise<Source>;
  }

  @Mutation(() => ID, { description: "Removes a source (its stored articles stay); returns its id. EDITOR only." })
  removeSource(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The source." }) id: string): Promise<string> {
    return ctx.services.sources.remove(id);
  }
}
