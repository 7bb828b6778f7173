import type { components } from '../core/api/api-types';
import { RED_FLAG_GROUPS, RED_FLAGS } from './red-flags.generated';

/** A red-flag code as the API names it. */
export type RedFlagCode = components['schemas']['SupplierFlagDto']['code'];
export type RedFlagGroup = (typeof RED_FLAG_GROUPS)[number];

/**
 * The red-flag library (domain.md §4) in display order, for the checklist: its group and whether
 * it alone requires fördjupad kontroll — generated from the backend's library
 * (tools/gen-domain-data.mjs, drift-checked by npm test), never kept by hand.
 */
export { RED_FLAG_GROUPS, RED_FLAGS };

/** Compile-time checks that the library and the API's codes are the same set. */
type Missing = Exclude<RedFlagCode, (typeof RED_FLAGS)[number]['code']>;
type Unknown = Exclude<(typeof RED_FLAGS)[number]['code'], RedFlagCode>;
export const EVERY_CODE_LISTED: [Missing] extends [never] ? true : Missing = true;
export const NO_UNKNOWN_CODE: [Unknown] extends [never] ? true : Unknown = true;
