/** Escapes LIKE wildcards; use with `LIKE :x ESCAPE '\'` (works on SQLite and PostgreSQL). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
