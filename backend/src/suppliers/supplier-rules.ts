import {
  assessRedFlags,
  isRedFlagCode,
  RED_FLAGS,
  type RedFlagCode,
} from '../contracts/domain/red-flags';
import type { IndepthCheckDto } from './dto/supplier.dto';
import type { SupplierEntity } from './entities/supplier.entity';

/** Lower-cased name and organisation number (with and without the dash) for `q`. */
export function supplierSearchText(s: Pick<SupplierEntity, 'name' | 'organisationNumber'>): string {
  const digits = s.organisationNumber.replace('-', '');
  return `${s.name} ${s.organisationNumber} ${digits}`.toLocaleLowerCase('sv').slice(0, 600);
}

/** The fördjupad-kontroll verdict over ticked codes (unknown codes in storage are ignored). */
export function indepthCheckOf(codes: readonly string[]): IndepthCheckDto {
  const known: RedFlagCode[] = codes.filter(isRedFlagCode);
  const a = assessRedFlags(known);
  return { required: a.deepCheckRequired, reasons: a.reasons.map((r) => ({ ...r })) };
}

const GROUP_OF = new Map<string, { group: string; heavy: boolean }>(
  RED_FLAGS.map((f) => [f.code, { group: f.group, heavy: f.heavy }]),
);

export function flagInfo(code: string): { group: string; heavy: boolean } {
  return GROUP_OF.get(code) ?? { group: 'foretaget', heavy: false };
}
