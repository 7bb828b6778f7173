import { loadShippedArticles, parseArticle } from './content-loader';

const file = (meta: Record<string, string>, body = '## Rubrik\n\nText.\n') =>
  `---\n${Object.entries(meta)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n\n${body}`;
const META = {
  slug: 'en-artikel',
  title: 'En artikel',
  category: 'jav',
  summary: 'En mening.',
  requiresAcknowledgement: 'false',
};

describe('shipped guidance content', () => {
  it('loads every article of the content folder, README excluded; the gift and jäv guidelines ask for acknowledgement', () => {
    const articles = loadShippedArticles();
    expect(articles.length).toBeGreaterThanOrEqual(10);
    expect(articles.map((a) => a.slug)).not.toContain('README');
    expect(
      articles
        .filter((a) => a.requiresAcknowledgement)
        .map((a) => a.slug)
        .sort(),
    ).toEqual(['gavor-representation-och-uppvaktning', 'jav-och-din-anmalningsplikt']);
    for (const a of articles) expect(a.body.startsWith('---')).toBe(false);
  });

  it('parses the front matter and keeps the body', () => {
    const a = parseArticle('en-artikel.md', file(META));
    expect(a).toEqual({
      slug: 'en-artikel',
      title: 'En artikel',
      category: 'jav',
      summary: 'En mening.',
      requiresAcknowledgement: false,
      body: '## Rubrik\n\nText.\n',
    });
  });

  it.each([
    ['a slug unlike the file name', { ...META, slug: 'annan' }],
    ['an unknown category', { ...META, category: 'okand' }],
    ['a bad slug', { ...META, slug: 'Med Mellanslag' }],
    ['a yes/no that is neither', { ...META, requiresAcknowledgement: 'ja' }],
    ['a missing key', { slug: 'en-artikel', title: 'x', category: 'jav', summary: 'x' }],
  ])('refuses %s', (_why, meta) => {
    expect(() => parseArticle('en-artikel.md', file(meta))).toThrow(
      /guidance content en-artikel\.md/,
    );
  });

  it('refuses a file without front matter or with an unknown key', () => {
    expect(() => parseArticle('en-artikel.md', '## Bara text\n')).toThrow(/no front matter/);
    expect(() => parseArticle('en-artikel.md', file({ ...META, author: 'x' }))).toThrow(
      /unknown key author/,
    );
  });
});
