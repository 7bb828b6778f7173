import type { MeDto, PackedRule, UnitDto, UserSummaryDto } from '../app/core/api/models';
import {
  DEMO_ACCOUNTS,
  DEMO_UNITS,
  DEMO_USERS,
  type DemoAccountName,
} from './demo-abilities.generated';

/**
 * The demo accounts as the backend really signs them in: profile and packed rules, generated from
 * the running backend by tools/gen-authz-fixtures.mjs (and drift-checked by `npm test`), never
 * copied by hand. Ids are stable names: `user-<username>`, `unit-<demo key>`.
 */
export function demoAccount(name: DemoAccountName): { me: MeDto; rules: PackedRule[] } {
  return structuredClone(DEMO_ACCOUNTS[name]);
}

/** A demo unit by its key in the demo organisation (`root`, `stab`, `parkering`, `hr`, …). */
export function demoUnit(key: string): UnitDto {
  const unit = DEMO_UNITS.find((u) => u.id === `unit-${key}`);
  if (!unit) throw new Error(`no demo unit ${key}`);
  return structuredClone(unit);
}

/** A demo user as GET /api/users lists it. */
export function demoUser(username: string): UserSummaryDto {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return structuredClone(user);
}

/** The materialised path of a demo unit, by id (the pages look it up the same way). */
export function demoUnitPath(unitId: string): string {
  const unit = DEMO_UNITS.find((u) => u.id === unitId);
  if (!unit) throw new Error(`no demo unit with id ${unitId}`);
  return unit.path;
}
