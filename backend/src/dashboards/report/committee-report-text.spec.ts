import { quarterEnd, slug } from '../dashboards.service';
import type { Quarter } from '../../statistics/quarters';
import { textOn } from './committee-report-pdf';
import { incidentCell } from './committee-report-text';

describe('committee report helpers', () => {
  it('never shows a suppressed incident count as a number', () => {
    expect(incidentCell({ count: 12, suppressed: false }, 5)).toBe('12');
    expect(incidentCell({ count: null, suppressed: true, belowK: true }, 5)).toBe('< 5');
    // the number itself is k or more, but holds a small count: "< 5" would be untrue
    expect(incidentCell({ count: null, suppressed: true, belowK: false }, 5)).toBe('skyddat');
    expect(incidentCell({ count: null, suppressed: true }, 7)).toBe('< 7');
  });

  it('ends a quarter on its last calendar day', () => {
    expect(quarterEnd('2026-Q1' as Quarter)).toBe('2026-03-31');
    expect(quarterEnd('2024-Q1' as Quarter)).toBe('2024-03-31');
    expect(quarterEnd('2026-Q2' as Quarter)).toBe('2026-06-30');
    expect(quarterEnd('2026-Q4' as Quarter)).toBe('2026-12-31');
  });

  it('makes an ASCII file name of a Swedish unit name', () => {
    expect(slug('Parkering och trafikövervakning')).toBe('parkering-och-trafikovervakning');
    expect(slug('Äldreomsorg Å/Ö & co')).toBe('aldreomsorg-a-o-co');
    expect(slug('"; rm -rf /')).toBe('rm-rf');
    expect(slug('***')).toBe('enhet');
  });

  it('picks the text colour with the better contrast on a band fill', () => {
    expect(textOn('#c62828')).toBe('#ffffff'); // mycket hög (röd)
    expect(textOn('#2e7d32')).toBe('#ffffff'); // låg (grön)
    expect(textOn('#f9a825')).toBe('#000000'); // medel (gul)
  });
});
