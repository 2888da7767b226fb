// Reads outlets (publications).
import type { DataSource } from "typeorm";
import { Outlet } from "../../entities/outlet.entity";
import { assertUuid, BadUserInputError } from "../errors";
import { countRows, fetchPage, type ListQuery, type RawRow } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { hydrate, selectColumns } from "../pagination/entity-rows";

export class OutletService {
  constructor(private readonly ds: DataSource) {}

  async byIds(ids: readonly string[]): Promise<Array<Outlet | null>> {
    const rows: RawRow[] = await this.ds.query(`SELECT ${selectColumns(this.ds, Outlet, "o")} FROM outlets o WHERE o.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id as string, hydrate(this.ds, Outlet, r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findOne(lookup: { id?: string | null; slug?: string | null }, byId: (id: string) => Promise<Outlet | null>): Promise<Outlet | null> {
    if ((lookup.id == null) === (lookup.slug == null)) throw new BadUserInputError("Pass exactly one of id or slug.", "id");
    if (lookup.id != null) return byId(assertUuid(lookup.id, "id"));
    const rows: RawRow[] = await this.ds.query(`SELECT ${selectColumns(this.ds, Outlet, "o")} FROM outlets o WHERE o.slug = $1`, [lookup.slug]);
    return rows[0] ? hydrate(this.ds, Outlet, rows[0]) : null;
  }

  async list(page: PageRequest) {
    const q: ListQuery = {
      select: selectColumns(this.ds, Outlet, "o"),
      from: "outlets o",
      where: [],
      params: [],
      keys: [
        { expr: "lower(o.name)", type: "text" },
        { expr: "o.id", type: "uuid" },
      ],
      descending: false,
    };
    const rows = await fetchPage(this.ds, q, page, (r) => ({ node: hydrate(this.ds, Outlet, r) }));
    return { rows, count: () => countRows(this.ds, q) };
  }
}
