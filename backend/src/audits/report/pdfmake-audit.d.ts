/**
 * The parts of pdfmake 0.3 the audit report uses beyond those declared in
 * cases/export/pdfmake.d.ts (interface merging into the same module declaration).
 */
declare module 'pdfmake' {
  export interface Style {
    /** Background of a table cell. */
    fillColor?: string;
  }
}
