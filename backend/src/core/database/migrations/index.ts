import { Foundation1764000000000 } from './1764000000000-foundation';

/** Every migration, in order. New features append here. */
export const MIGRATIONS = [Foundation1764000000000];
