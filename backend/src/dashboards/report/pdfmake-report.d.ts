/**
 * What the committee report uses of pdfmake beyond cases/export/pdfmake.d.ts (merged into the
 * same module declaration): cell fills, page breaks and rows kept whole.
 */
declare module 'pdfmake' {
  interface Style {
    /** Background of a table cell. */
    fillColor?: string;
    pageBreak?: 'before' | 'after';
  }
  interface ContentTable {
    dontBreakRows?: boolean;
    keepWithHeaderRows?: number;
  }
}
