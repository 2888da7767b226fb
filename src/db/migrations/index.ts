// Every migration, in order. New migrations are appended here.
import { InitialSchema1764170000000 } from "./1764170000000-initial-schema";
import { ReadersAndEditors1764180000000 } from "./1764180000000-readers-and-editors";

export const MIGRATIONS = [InitialSchema1764170000000, ReadersAndEditors1764180000000];
