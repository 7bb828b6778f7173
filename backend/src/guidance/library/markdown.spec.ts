import { parseDocument } from 'htmlparser2';
import { Element, type ChildNode } from 'domhandler';
import { markdownPlainText, renderMarkdown, sanitizeArticleHtml } from './markdown';

/**
 * Elements, attributes and URLs in the HTML that could run script, parsed with htmlparser2 (the
 * parser sanitize-html itself uses; jsdom is ESM-only and does not load under ts-jest).
 */
function dangers(html: string): string[] {
  const found: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!(n instanceof Element)) continue;
      if (['script', 'iframe', 'img', 'object', 'embed', 'style', 'form', 'svg'].includes(n.name))
        found.push(n.name);
      for (const [name, value] of Object.entries(n.attribs)) {
        if (name.startsWith('on')) found.push(`${n.name}@${name}`);
        if (/^\s*(javascript|data|vbscript):/i.test(value)) found.push(`${n.name}@${value}`);
      }
      walk(n.children);
    }
  };
  walk(parseDocument(html).children);
  return found;
}

describe('guidance Markdown rendering', () => {
  it('renders headings, lists, emphasis, tables and links', () => {
    const html = renderMarkdown(
      '# Titel\n\n## Rubrik\n\n- **fet** och *kursiv*\n- [artikel](/vagledning/jav-och-din-anmalningsplikt)\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\nhttps://www.polisen.se\n',
    );
    expect(html).toContain('<h2>Titel</h2>'); // the body never gets an h1
    expect(html).toContain('<strong>fet</strong>');
    expect(html).toContain('<a href="/vagledning/jav-och-din-anmalningsplikt">artikel</a>');
    expect(html).toContain('<table>');
    expect(html).toContain('<td style="text-align:center">2</td>');
    expect(html).toContain('<a href="https://www.polisen.se" rel="noopener noreferrer">');
  });

  it('shows raw HTML in Markdown as text and refuses javascript: links (first layer)', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<iframe src="https://x"></iframe>\n\n[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=)\n\n<img src=x onerror=alert(1)>\n',
    );
    expect(dangers(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;');
  });

  it('strips scripts, event handlers, javascript: URLs and iframes from HTML (second layer)', () => {
    const html = sanitizeArticleHtml(
      [
        '<p onclick="alert(1)" onmouseover="x()">text</p>',
        '<script>alert(2)</script>',
        '<iframe src="https://evil.example"></iframe>',
        '<a href="javascript:alert(3)">a</a>',
        '<a href=" jav&#x09;ascript:alert(4)">b</a>',
        '<a href="//evil.example/x">c</a>',
        '<img src="x" onerror="alert(5)">',
        '<svg onload="alert(6)"></svg>',
        '<style>body{}</style><form action="/x"><input></form>',
        '<p style="position:fixed">d</p>',
        '<h2>kvar</h2>',
      ].join(''),
    );
    expect(dangers(html)).toEqual([]);
    expect(html).not.toMatch(/alert|evil\.example|position/);
    expect(html).toContain('<p>text</p>');
    expect(html).toContain('<h2>kvar</h2>');
  });

  it('makes plain text for search without Markdown syntax', () => {
    expect(
      markdownPlainText('## Rubrik\n\nEtt **fett** ord och en [länk](/x).\n\n- ett\n- två\n'),
    ).toBe('Rubrik\nEtt fett ord och en länk.\nett\ntvå');
  });
});
