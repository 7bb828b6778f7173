import { checkReceiptCode, groupReceiptCode, luhnValid } from './receipt-code';

// 15 digits + Luhn check digit
const CODE = '4929804463622139';

describe('receipt codes', () => {
  it('groups the code in fours', () => {
    expect(groupReceiptCode(CODE)).toBe('4929 8044 6362 2139');
  });

  it('accepts the code with spaces and dashes as typed or pasted', () => {
    expect(luhnValid(CODE)).toBe(true);
    for (const input of [
      CODE,
      '4929 8044 6362 2139',
      '4929-8044-6362-2139',
      ' 4929–8044 6362 2139 ',
    ]) {
      expect(checkReceiptCode(input)).toEqual({ ok: true, code: CODE });
    }
  });

  it('tells a short code, letters and a mistyped digit apart', () => {
    expect(checkReceiptCode('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkReceiptCode('4929 8044 6362')).toEqual({ ok: false, reason: 'format' });
    expect(checkReceiptCode('4929 8044 6362 213a')).toEqual({ ok: false, reason: 'format' });
    expect(checkReceiptCode('4929 8044 6362 2138')).toEqual({ ok: false, reason: 'checksum' });
    // two neighbours swapped
    expect(checkReceiptCode('4929 8044 6362 1239')).toEqual({ ok: false, reason: 'checksum' });
  });
});
