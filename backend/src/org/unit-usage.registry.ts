import { Injectable } from '@nestjs/common';

/**
 * Features that keep data per unit register a check here, so the org feature can refuse to
 * delete a unit that is still referenced without depending on those features.
 * A check returns a Swedish phrase such as "3 användare" when the unit is in use, else null.
 */
export type UnitUsageCheck = (unitId: string) => Promise<string | null>;

@Injectable()
export class UnitUsageRegistry {
  private readonly checks: UnitUsageCheck[] = [];

  register(check: UnitUsageCheck): void {
    this.checks.push(check);
  }

  async usages(unitId: string): Promise<string[]> {
    const results = await Promise.all(this.checks.map((c) => c(unitId)));
    return results.filter((r): r is string => r !== null);
  }
}
