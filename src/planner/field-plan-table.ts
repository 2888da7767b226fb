// The per-field plan table: which fields of which node the read planner fetches itself, and how, in each
// mode. Field plans are registered into a table (src/planner/field-plans.ts registers newsgraph's), and the
// compilers look them up by type and field name, never importing them: the way grafast attaches plans to
// fields. A field with no plan here falls back to its resolver (and its DataLoader).
import type { FieldNode, GraphQLField } from "graphql";
import type { EntityCompiler } from "./entity-compiler";
import type { ResponseCompiler } from "./response-compiler";
import type { FieldPlan, FieldPlanLookup, NodeKind, Plan, SelectionCompiler } from "./selection-compiler";

/** A field's plan for one mode's compiler `C`; null leaves the field to its resolver. */
export type ModeFieldPlan<C extends SelectionCompiler> = (c: C, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) => Plan<unknown> | null;

/** A field planned the same way in both modes, or one plan per mode. */
export type FieldPlans = ModeFieldPlan<SelectionCompiler> | { entity: ModeFieldPlan<EntityCompiler>; response: ModeFieldPlan<ResponseCompiler> };

export class FieldPlanTable implements FieldPlanLookup {
  // By type, then field name: looked up for every field of every planned node, without building a key.
  private readonly entityPlans = new Map<NodeKind, Map<string, FieldPlan>>();
  private readonly responsePlans = new Map<NodeKind, Map<string, FieldPlan>>();

  /** Registers the plan of `type.field` (once: a second registration is a bug). */
  register(type: NodeKind, field: string, plans: FieldPlans): this {
    let entity = this.entityPlans.get(type);
    let response = this.responsePlans.get(type);
    if (!entity || !response) {
      this.entityPlans.set(type, (entity = new Map()));
      this.responsePlans.set(type, (response = new Map()));
    }
    if (entity.has(field)) throw new Error(`read planner: ${type}.${field} has a plan already`);
    // A mode's plan is only ever called by that mode's compiler (entity-compiler.ts, response-compiler.ts).
    entity.set(field, (typeof plans === "function" ? plans : plans.entity) as FieldPlan);
    response.set(field, (typeof plans === "function" ? plans : plans.response) as FieldPlan);
    return this;
  }

  entity(type: NodeKind, field: string): FieldPlan | undefined {
    return this.entityPlans.get(type)?.get(field);
  }

  response(type: NodeKind, field: string): FieldPlan | undefined {
    return this.responsePlans.get(type)?.get(field);
  }

  /** The planned fields by object type (served straight from the planned values: planned-fields.ts). */
  fields(): Record<string, readonly string[]> {
    return Object.fromEntries([...this.entityPlans].map(([type, plans]) => [type, [...plans.keys()]]));
  }
}
