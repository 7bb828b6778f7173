import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asLocalDate } from '../../core/domain/local-date';
import {
  declarationValidity,
  DECLARATION_TYPES,
  GIFT_DECISIONS,
  GIFT_RELATIONS,
  GUIDANCE_CATEGORIES,
  isGuidanceCategory,
  isJavGround,
  JAV_GROUNDS,
  JAV_HANDLING,
} from './guidance-taxonomy';

const d = asLocalDate;

describe('guidance codes', () => {
  it('cover §7 and issue 9', () => {
    expect(DECLARATION_TYPES).toEqual(['arlig', 'nytt_uppdrag', 'arendespecifik']);
    expect(JAV_HANDLING).toEqual(['avsta', 'omfordela', 'begransa_atkomst', 'ingen_atgard']);
    expect(JAV_GROUNDS).toContain('delikatessjav');
    expect(JAV_GROUNDS).toContain('tvainstansjav');
    expect(GIFT_RELATIONS).toEqual([
      'arende',
      'tillstand',
      'tillsyn',
      'upphandling',
      'avtal',
      'faktura',
      'ingen',
    ]);
    expect(GIFT_DECISIONS).toHaveLength(3);
    expect(GUIDANCE_CATEGORIES).toHaveLength(6);
    expect(isJavGround('inget')).toBe(true);
    expect(isJavGround('jav')).toBe(false);
  });
  it('match the categories used by the shipped articles', () => {
    const dir = join(__dirname, '..', 'content');
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
    } catch {
      return; // the content folder is optional for this unit test
    }
    for (const f of files) {
      const m = /^category:\s*([a-z-]+)/m.exec(readFileSync(join(dir, f), 'utf8'));
      if (m) expect({ file: f, ok: isGuidanceCategory(m[1]) }).toEqual({ file: f, ok: true });
    }
  });
});

describe('declarationValidity', () => {
  it('is valid for a year, through the day before the anniversary', () => {
    expect(declarationValidity(d('2026-03-01'), d('2026-06-01'))).toEqual({
      state: 'current',
      validThrough: '2027-02-28',
    });
    expect(declarationValidity(d('2026-03-01'), d('2027-02-01'))).toEqual({
      state: 'due_soon',
      validThrough: '2027-02-28',
      daysLeft: 27,
    });
    expect(declarationValidity(d('2026-03-01'), d('2027-03-01'))).toEqual({
      state: 'expired',
      validThrough: '2027-02-28',
    });
    expect(declarationValidity(d('2028-02-29'), d('2029-02-26'), { dueSoonDays: 0 })).toEqual({
      state: 'current',
      validThrough: '2029-02-27',
    });
    expect(declarationValidity(d('2026-03-01'), d('2026-05-31'), { validMonths: 3 })).toEqual({
      state: 'due_soon',
      validThrough: '2026-05-31',
      daysLeft: 0,
    });
  });
});
