import type { ArticleSummaryDto } from './dto/guidance.dto';
import type { GuidanceArticleEntity } from './entities/guidance-article.entity';

/** An article as a list shows it. `hasDraft` only for editors (others never see drafts). */
export function summaryOf(
  a: GuidanceArticleEntity,
  acknowledged: boolean,
  editor: boolean,
): ArticleSummaryDto {
  return {
    id: a.id,
    slug: a.slug,
    category: a.category,
    title: a.title,
    summary: a.summary,
    status: a.status,
    version: a.currentVersion,
    publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
    requiresAcknowledgement: a.requiresAcknowledgement,
    acknowledged,
    hasDraft: editor && (a.status === 'draft' || a.draftBody !== null),
  };
}

/** Opaque keyset cursor for the coverage list (name, id of the last person shown). */
export function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { name: string; id: string } | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { name: v[0], id: v[1] };
  } catch {
    // fall through
  }
  return null;
}
