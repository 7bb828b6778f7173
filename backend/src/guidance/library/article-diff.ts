import { diffLines, diffWordsWithSpace } from 'diff';

export type DiffKind = 'added' | 'removed' | 'unchanged';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

/** The fields of a version that a diff compares. */
export interface VersionText {
  title: string;
  summary: string;
  category: string;
  body: string;
  requiresAcknowledgement: boolean;
}

export interface ArticleDiff {
  title: DiffPart[];
  summary: DiffPart[];
  categoryChanged: boolean;
  requiresAcknowledgementChanged: boolean;
  /** The Markdown body line by line. */
  body: DiffPart[];
  added: number;
  removed: number;
}

function parts(changes: Array<{ added?: boolean; removed?: boolean; value: string }>): DiffPart[] {
  return changes.map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'unchanged',
    text: c.value,
  }));
}

/**
 * A readable diff between two versions (jsdiff): words in the title and summary, lines in the
 * Markdown body, with the count of added and removed body lines.
 */
export function articleDiff(from: VersionText, to: VersionText): ArticleDiff {
  const body = parts(diffLines(from.body, to.body));
  const count = (kind: DiffKind) =>
    body
      .filter((p) => p.kind === kind)
      .reduce(
        (n, p) => n + p.text.split('\n').filter((l, i, all) => l || i < all.length - 1).length,
        0,
      );
  return {
    title: parts(diffWordsWithSpace(from.title, to.title)),
    summary: parts(diffWordsWithSpace(from.summary, to.summary)),
    categoryChanged: from.category !== to.category,
    requiresAcknowledgementChanged: from.requiresAcknowledgement !== to.requiresAcknowledgement,
    body,
    added: count('added'),
    removed: count('removed'),
  };
}
