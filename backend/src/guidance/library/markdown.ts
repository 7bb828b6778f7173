import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown → safe HTML for guidance articles (ADR 0015). Two layers:
 *
 * 1. markdown-it with `html: false`: raw HTML in the Markdown is shown as text, never passed
 *    through, and its link validator refuses javascript:, vbscript:, file: and data: URLs
 *    (other than images).
 * 2. sanitize-html with an allow-list of the elements CommonMark and the tables extension make,
 *    links only to http(s), mailto, tel and paths inside Värn, no attributes but href/title (and
 *    alignment on table cells). Whatever gets past (1) — a future plugin, a renderer bug — is
 *    removed here: scripts, iframes, event-handler attributes, style, forms.
 *
 * The API sends only the output of `renderMarkdown`; the frontend binds it with Angular's
 * sanitising [innerHTML] as a third layer.
 */
const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });

const ALLOWED_TAGS = [
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // an h1 in the body becomes an h2: the title is the page's only h1
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...attribs,
        // external links open as usual but give the target page no handle on Värn
        ...(/^https?:/i.test(attribs['href'] ?? '') ? { rel: 'noopener noreferrer' } : {}),
      },
    }),
  },
  allowedClasses: {},
};

/** An article body (Markdown) as sanitised HTML. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(md.render(markdown), SANITIZE);
}

/** Sanitises HTML with the article allow-list (exported for the tests of the second layer). */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/**
 * The plain text of a Markdown body, for search and excerpts: the words a reader sees, block by
 * block on separate lines, without Markdown syntax or HTML.
 */
export function markdownPlainText(markdown: string): string {
  const out: string[] = [];
  let line = '';
  const flush = () => {
    const l = line.replace(/\s+/g, ' ').trim();
    if (l) out.push(l);
    line = '';
  };
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'text' || child.type === 'code_inline') line += child.content;
        else if (child.type === 'softbreak' || child.type === 'hardbreak') line += ' ';
      }
    } else if (token.type === 'code_block' || token.type === 'fence') {
      line += token.content;
      flush();
    } else if (token.nesting === -1 || token.type === 'hr') {
      flush();
    }
  }
  flush();
  return out.join('\n');
}
