import { escapeLike, insertChunks, rowsPerInsert } from './sql';

describe('insertChunks', () => {
  it('keeps every row, in order, in chunks that fit the parameter budget', () => {
    const rows = Array.from({ length: 2503 }, (_, i) => i);
    const chunks = insertChunks(rows, 12, 3000);
    expect(chunks.map((c) => c.length)).toEqual([
      250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 3,
    ]);
    expect(chunks.flat()).toEqual(rows);
    for (const c of chunks) expect(c.length * 12).toBeLessThanOrEqual(3000);
  });

  it('stays below both engines’ limits by default and never makes an empty chunk', () => {
    expect(rowsPerInsert(11) * 11).toBeLessThanOrEqual(32_766);
    expect(rowsPerInsert(100_000)).toBe(1);
    expect(insertChunks([], 5)).toEqual([]);
  });
});

describe('escapeLike', () => {
  it('escapes the wildcards and the escape character', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
