// Generic Relay connection types (edges, node, cursor, pageInfo, totalCount) for type-graphql.
import { Field, Int, ObjectType, type ClassType } from "type-graphql";

@ObjectType({ description: "Where a page sits in its list (Relay cursor connections)." })
export class PageInfo {
  @Field({ description: "True when rows follow this page (page forward with `after: endCursor`)." })
  hasNextPage: boolean;

  @Field({ description: "True when rows precede this page (page back with `before: startCursor`)." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge, or null for an empty page." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge, or null for an empty page." })
  endCursor: string | null;
}

/** The runtime value of every connection: `totalCount` is computed only when a client asks for it. */
export interface ConnectionValue<TEdge> {
  edges: TEdge[];
  pageInfo: PageInfo;
  count: () => Promise<number> | number;
}

/** Base class of an edge type for `TNode`; subclass it with `@ObjectType("XEdge")` to add edge fields. */
export function EdgeType<TNode extends object>(nodeClass: ClassType<TNode>) {
  @ObjectType()
  abstract class Edge {
    @Field({ description: "Opaque position of this edge; pass it as `after` or `before`." })
    cursor: string;

    @Field(() => nodeClass, { description: "The item." })
    node: TNode;
  }
  return Edge;
}

/** Base class of a connection type whose edges are `edgeClass`. */
export function ConnectionType<TEdge extends object>(edgeClass: ClassType<TEdge>) {
  @ObjectType()
  abstract class Connection implements ConnectionValue<TEdge> {
    @Field(() => [edgeClass], { description: "The items on this page, with their cursors." })
    edges: TEdge[];

    @Field(() => PageInfo, { description: "Cursors and whether more pages exist." })
    pageInfo: PageInfo;

    count: () => Promise<number> | number;

    @Field(() => Int, { description: "How many items the whole list holds, across all pages." })
    totalCount(): Promise<number> | number {
      return this.count();
    }
  }
  return Connection;
}
