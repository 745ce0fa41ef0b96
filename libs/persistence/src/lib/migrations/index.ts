import { InitialSchema1764230400000 } from './1764230400000-initial-schema';

/** Every migration, in order. A new one is appended here. */
export const MIGRATIONS = [InitialSchema1764230400000];
