import { ForbiddenError } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { Action, AppAbility, asSubject, SubjectType } from './ability';

/**
 * Serialises a row for a response whose fields the rules may restrict (`can`/`cannot` with a
 * field list — e.g. a role that may see a case's metadata but not its content, or a handler who
 * may not see the reporter fields). Fails closed twice over:
 *
 * - the caller must be allowed `action` on this very row (field-less check; otherwise
 *   `ForbiddenError`, which the problem filter answers 403) — so a role cut off from the subject
 *   as a whole (separation of duties) gets nothing, not an empty object;
 * - only fields in `fields`, the response's complete list, can appear, and each only when
 *   `permittedFieldsOf` allows it for this row. A rule without a field list permits every field
 *   in `fields`; a field the rules never mention is left out when every rule lists fields.
 *
 * The row must carry the fields the rules' conditions use (e.g. `unitPath`), like any instance
 * check. Issue 6's case DTOs are built with it.
 */
export function permittedView<T extends object, K extends keyof T & string>(
  ability: AppAbility,
  action: Action,
  type: SubjectType,
  row: T,
  fields: readonly K[],
): Partial<Pick<T, K>> {
  const target = asSubject(type, row);
  ForbiddenError.from(ability).throwUnlessCan(action, target);
  const permitted = new Set(
    permittedFieldsOf(ability, action, target, {
      fieldsFrom: (rule) => rule.fields ?? [...fields],
    }),
  );
  const view: Partial<Pick<T, K>> = {};
  for (const f of fields) if (permitted.has(f) && f in row) view[f] = row[f];
  return view;
}
