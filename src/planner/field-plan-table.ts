// The per-field plan table: which fields of which node the read planner fetches itself, and how, in each
// mode. Field plans are registered into a table (src/planner/field-plans.ts registers newsgraph's), and the
// compilers look them up by type and field name, never importing them: the way grafast attaches plans to
// fields. A field with no plan here falls back to its resolver (and its DataLoader).
import type { FieldNode, GraphQLField } from "graphql";
import type { EntityCompiler } from "./entity-compiler";
import type { ResponseCompiler } from "./response-compiler";
import type { NodeKind, Plan, SelectionCompiler } from "./selection-compiler";

/** A field's plan for a node whose row is the SQL alias `row`; null leaves the field to its resolver. */
export type FieldPlan<C extends SelectionCompiler> = (c: C, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) => Plan<unknown> | null;

/** A field planned the same way in both modes, or one plan per mode. */
export type FieldPlans = FieldPlan<SelectionCompiler> | { entity: FieldPlan<EntityCompiler>; response: FieldPlan<ResponseCompiler> };

export class FieldPlanTable {
  // By type, then field name: looked up for every field of every planned node, without building a key.
  private readonly entityPlans = new Map<NodeKind, Map<string, FieldPlan<EntityCompiler>>>();
  private readonly responsePlans = new Map<NodeKind, Map<string, FieldPlan<ResponseCompiler>>>();

  /** Registers the plan of `type.field` (once: a second registration is a bug). */
  register(type: NodeKind, field: string, plans: FieldPlans): this {
    let entity = this.entityPlans.get(type);
    let response = this.responsePlans.get(type);
    if (!entity || !response) {
      this.entityPlans.set(type, (entity = new Map()));
      this.responsePlans.set(type, (response = new Map()));
    }
    if (entity.has(field)) throw new Error(`read planner: ${type}.${field} has a plan already`);
    entity.set(field, typeof plans === "function" ? plans : plans.entity);
    response.set(field, typeof plans === "function" ? plans : plans.response);
    return this;
  }

  entity(type: NodeKind, field: string): FieldPlan<EntityCompiler> | undefined {
    return this.entityPlans.get(type)?.get(field);
  }

  response(type: NodeKind, field: string): FieldPlan<ResponseCompiler> | undefined {
    return this.responsePlans.get(type)?.get(field);
  }

  /** The planned fields by object type (served straight from the planned values: planned-fields.ts). */
  fields(): Record<string, readonly string[]> {
    return Object.fromEntries([...this.entityPlans].map(([type, plans]) => [type, [...plans.keys()]]));
  }
}
