import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGuidanceCategory, type GuidanceCategory } from '../domain/guidance-taxonomy';

/** One shipped article from `guidance/content/<slug>.md` (see its README.md). */
export interface ShippedArticle {
  slug: string;
  title: string;
  category: GuidanceCategory;
  summary: string;
  requiresAcknowledgement: boolean;
  body: string;
}

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const KEYS = ['slug', 'title', 'category', 'summary', 'requiresAcknowledgement'] as const;

/** Where the shipped content lives: beside this folder, in the sources and in dist alike. */
export const CONTENT_DIR = join(__dirname, '..', 'content');

/** Parses one article file; throws with the file name on anything the README does not allow. */
export function parseArticle(fileName: string, text: string): ShippedArticle {
  const fail = (why: string): never => {
    throw new Error(`guidance content ${fileName}: ${why}`);
  };
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n'));
  if (!m) return fail('no front matter');
  const meta: Record<string, string> = {};
  for (const line of m[1].split('\n')) {
    const i = line.indexOf(': ');
    if (i < 0) return fail(`bad front matter line "${line}"`);
    const key = line.slice(0, i);
    if (!(KEYS as readonly string[]).includes(key)) return fail(`unknown key ${key}`);
    meta[key] = line.slice(i + 2).trim();
  }
  for (const k of KEYS) if (!meta[k]) fail(`missing ${k}`);
  if (!SLUG.test(meta['slug']) || meta['slug'].length > 100) fail('bad slug');
  if (`${meta['slug']}.md` !== fileName) fail('slug differs from the file name');
  if (!isGuidanceCategory(meta['category'])) fail(`unknown category ${meta['category']}`);
  const ack = meta['requiresAcknowledgement'];
  if (ack !== 'true' && ack !== 'false') fail('requiresAcknowledgement must be true or false');
  return {
    slug: meta['slug'],
    title: meta['title'],
    category: meta['category'] as GuidanceCategory,
    summary: meta['summary'],
    requiresAcknowledgement: ack === 'true',
    body: m[2].trim() + '\n',
  };
}

/** Every shipped article, sorted by slug (README.md is not an article). */
export function loadShippedArticles(dir = CONTENT_DIR): ShippedArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => parseArticle(f, readFileSync(join(dir, f), 'utf8')));
}
