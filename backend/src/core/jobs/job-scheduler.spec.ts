import { errorLabel, nextIntervalStart } from './job-scheduler';

describe('job intervals', () => {
  it('starts the next run at the start of the next interval, wherever in this one it ran', () => {
    const minute = 60_000;
    const at = (s: string) => new Date(`2026-03-02T08:${s}Z`);
    expect(nextIntervalStart(at('00:00.000'), minute)).toEqual(at('01:00.000'));
    expect(nextIntervalStart(at('00:59.999'), minute)).toEqual(at('01:00.000'));
    expect(nextIntervalStart(at('07:30.000'), 15 * minute)).toEqual(at('15:00.000'));
  });

  it('labels errors by name and code, never by message', () => {
    const e = Object.assign(new Error('Anna Andersson, ärende 42'), { code: 'SQLITE_BUSY' });
    expect(errorLabel(e)).toBe('Error SQLITE_BUSY');
    expect(errorLabel(new TypeError('hemligt'))).toBe('TypeError');
    expect(errorLabel('hemligt')).toBe('unknown');
  });
});
