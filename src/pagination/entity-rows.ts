// Maps between TypeORM entity metadata and hand-written SQL: select lists and row hydration.
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";

const selectCache = new WeakMap<object, Map<string, string>>();

/** `alias."db_column" AS "propertyName", …` for every column of the entity. */
export function selectColumns(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const meta = ds.getMetadata(entity);
  let byAlias = selectCache.get(meta.target as object);
  if (!byAlias) selectCache.set(meta.target as object, (byAlias = new Map()));
  let sql = byAlias.get(alias);
  if (!sql) {
    sql = meta.columns.map((c) => `${alias}."${c.databaseName}" AS "${c.propertyName}"`).join(", ");
    byAlias.set(alias, sql);
  }
  return sql;
}

/** An entity instance from a raw row selected with `selectColumns` (extra columns are ignored). */
export function hydrate<T>(ds: DataSource, entity: new () => T, row: Record<string, unknown>): T {
  const meta = ds.getMetadata(entity);
  const out = new entity() as Record<string, unknown>;
  for (const c of meta.columns) out[c.propertyName] = row[c.propertyName];
  return out as T;
}

const prefixedCache = new WeakMap<object, Map<string, string>>();

/**
 * `alias."db_column" AS "prefix.propertyName", …`: a joined entity's columns under a prefix, so they
 * cannot collide with the main row's (see `hydratePrefixed`).
 */
export function selectPrefixed(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  const meta = ds.getMetadata(entity);
  let byKey = prefixedCache.get(meta.target as object);
  if (!byKey) prefixedCache.set(meta.target as object, (byKey = new Map()));
  const key = `${alias}|${prefix}`;
  let sql = byKey.get(key);
  if (!sql) {
    sql = meta.columns.map((c) => `${alias}."${c.databaseName}" AS "${prefix}.${c.propertyName}"`).join(", ");
    byKey.set(key, sql);
  }
  return sql;
}

/** The joined entity selected with `selectPrefixed`, or null when the join found no row (null id). */
export function hydratePrefixed<T>(ds: DataSource, entity: new () => T, row: Record<string, unknown>, prefix: string): T | null {
  if (row[`${prefix}.id`] == null) return null;
  const meta = ds.getMetadata(entity);
  const out = new entity() as Record<string, unknown>;
  for (const c of meta.columns) out[c.propertyName] = row[`${prefix}.${c.propertyName}`];
  return out as T;
}
