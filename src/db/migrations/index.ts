// Every migration, in order. New migrations are appended here.
import { InitialSchema1764170000000 } from "./1764170000000-initial-schema";

export const MIGRATIONS = [InitialSchema1764170000000];
