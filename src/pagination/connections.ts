// Builds connection values (edges with cursors, pageInfo, lazy totalCount) from fetched pages.
import type { ConnectionValue } from "./connection.types";
import type { PageRows } from "./keyset-query";
import type { PageRequest } from "./page-request";

/** `page` rows are edge bodies (`{ node, …edge fields }`); cursors are added here. */
export function toConnection<E extends object>(page: PageRows<E>, count: () => Promise<number> | number): ConnectionValue<E & { cursor: string }> {
  const edges = page.rows.map((body, i) => ({ ...body, cursor: page.cursors[i] }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    },
    count,
  };
}

/**
 * A nested connection: the batched page carries the parent's total when it has rows (window count);
 * with no rows and no cursor the total is 0; otherwise `countFallback` asks (batched) on demand.
 */
export function toNestedConnection<E extends object>(page: PageRows<E>, request: PageRequest, countFallback: () => Promise<number>): ConnectionValue<E & { cursor: string }> {
  const known = page.total !== undefined ? page.total : !request.after && !request.before && request.limit > 0 ? 0 : undefined;
  return toConnection(page, () => (known !== undefined ? known : countFallback()));
}
