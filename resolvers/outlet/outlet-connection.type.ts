// Paged list of outlets.
import { ObjectType } from "type-graphql";
import { Outlet } from "../../entities/outlet.entity";
import { ConnectionType, EdgeType } from "../../src/pagination/connection.types";

@ObjectType({ description: "An outlet in a list, with its cursor." })
export class OutletEdge extends EdgeType(Outlet) {}

@ObjectType({ description: "A page of outlets." })
export class OutletConnection extends ConnectionType(OutletEdge) {}
