/**
 * The part of pdfmake 0.3 (Node build) that the redacted export uses. Declared here rather than
 * taken from @types/pdfmake, whose declarations pull the DOM library into the backend's types.
 */
declare module 'pdfmake' {
  export type Margins = [number, number, number, number];

  export interface Style {
    font?: string;
    fontSize?: number;
    bold?: boolean;
    italics?: boolean;
    color?: string;
    /** Background colour of the text itself. */
    background?: string;
    lineHeight?: number;
    alignment?: 'left' | 'right' | 'center' | 'justify';
    margin?: Margins;
  }

  export interface ContentText extends Style {
    text: string | ContentText[];
    style?: string;
    /** Marks a heading for `pageBreakBefore`. */
    headlineLevel?: number;
  }

  export interface ContentTable {
    table: { headerRows?: number; widths?: Array<number | '*' | 'auto'>; body: ContentText[][] };
    layout?: 'noBorders' | 'headerLineOnly' | 'lightHorizontalLines';
    margin?: Margins;
  }

  export type Content = ContentText | ContentTable;

  /** What `pageBreakBefore` learns of a laid-out node (header and footer nodes included). */
  export interface NodeInfo {
    headlineLevel?: number;
    startPosition: { pageNumber: number; top: number };
  }

  export interface DocumentDefinition {
    info?: {
      title?: string;
      author?: string;
      subject?: string;
      creator?: string;
      producer?: string;
    };
    pageSize?: 'A4';
    pageMargins?: Margins;
    defaultStyle?: Style;
    styles?: Record<string, Style>;
    header?: (page: number, pages: number) => Content;
    footer?: (page: number, pages: number) => Content;
    content: Content[];
    /** Called per node after layout: true moves the node to the next page. */
    pageBreakBefore?: (node: NodeInfo, nodes: { getFollowingNodesOnPage(): NodeInfo[] }) => boolean;
  }

  export interface FontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }

  export interface CreatedPdf {
    getBuffer(): Promise<Buffer>;
  }

  /** The module's export: one pdfmake instance (its methods use `this`). */
  interface PdfMake {
    createPdf(doc: DocumentDefinition): CreatedPdf;
    setFonts(fonts: Record<string, FontFiles>): void;
    /** Node: which URLs (images, fonts) may be fetched. */
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    /** Node: which local files may be read. */
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
