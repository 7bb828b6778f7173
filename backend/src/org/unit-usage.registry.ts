import { Injectable } from '@nestjs/common';
import type { Action, AppAbility, SubjectType } from '../core/authz/ability';

/**
 * A kind of data that keeps a unit in use (users in it, role assignments on it, later cases,
 * contracts…). Features register one so the org feature can refuse to delete a unit that is
 * still referenced without depending on those features.
 *
 * The answer never says *how many* rows keep the unit in use (a count of cases would leak to an
 * administrator who may not see cases), and names a kind only to readers holding `visibleTo`.
 */
export interface UnitUsage {
  /** Stable code, sent to the client in the 409's `inUse`, e.g. `users`. */
  readonly kind: string;
  /** Swedish noun phrase for the problem's `detail`, e.g. `användare`. */
  readonly label: string;
  /** The permission (on some row of the subject type) a reader needs to learn of this kind. */
  readonly visibleTo: readonly [Action, SubjectType];
  /** True when at least one row of this kind keeps the unit in use. */
  inUse(unitId: string): Promise<boolean>;
}

/** What keeps a unit in use, as far as this reader may know. */
export interface UnitUsageReport {
  /** True when anything at all keeps the unit in use (visible to the reader or not). */
  readonly inUse: boolean;
  /** The kinds in use that the reader may see, in registration order. */
  readonly visible: ReadonlyArray<Pick<UnitUsage, 'kind' | 'label'>>;
}

@Injectable()
export class UnitUsageRegistry {
  private readonly usages: UnitUsage[] = [];

  register(usage: UnitUsage): void {
    if (this.usages.some((u) => u.kind === usage.kind))
      throw new Error(`unit usage "${usage.kind}" is registered twice`);
    this.usages.push(usage);
  }

  async check(unitId: string, reader: AppAbility): Promise<UnitUsageReport> {
    const used = await Promise.all(this.usages.map((u) => u.inUse(unitId)));
    const inUse = this.usages.filter((_, i) => used[i]);
    return {
      inUse: inUse.length > 0,
      visible: inUse
        .filter((u) => reader.can(u.visibleTo[0], u.visibleTo[1]))
        .map(({ kind, label }) => ({ kind, label })),
    };
  }
}
