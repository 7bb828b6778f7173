import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API, queryParams } from '../core/api/api';
import type { components } from '../core/api/api-types';

type Schemas = components['schemas'];
export type GuidanceList = Schemas['GuidanceListDto'];
export type ArticleSummary = Schemas['ArticleSummaryDto'];
export type SearchHit = Schemas['GuidanceSearchHitDto'];
export type Excerpt = Schemas['GuidanceExcerptDto'];
export type Article = Schemas['ArticleDto'];
export type AcknowledgementState = Schemas['AcknowledgementStateDto'];
export type VersionList = Schemas['GuidanceVersionListDto'];
export type ArticleDiff = Schemas['ArticleDiffDto'];
export type DiffPart = Schemas['GuidanceDiffPartDto'];
export type Coverage = Schemas['GuidanceCoverageDto'];
export type Draft = Schemas['GuidanceDraftDto'];
export type ArticleFields = Schemas['ArticleFieldsDto'];
export type CreateArticle = Schemas['CreateArticleDto'];
export type Attachment = Schemas['GuidanceAttachmentDto'];

/** The guidance categories, in the order the library shows them (backend guidance-taxonomy.ts). */
export const GUIDANCE_CATEGORIES = [
  'otillaten-paverkan',
  'mutor',
  'jav',
  'gavor-och-representation',
  'valfardsbrott-i-upphandling',
  'att-rapportera',
] as const;

/** The guidance library's API (stödmaterial). Errors are thrown as HTTP errors. */
@Injectable({ providedIn: 'root' })
export class GuidanceService {
  private readonly http = inject(HttpClient);
  private readonly base = `${API}/guidance`;

  list(q?: string): Promise<GuidanceList> {
    return firstValueFrom(
      this.http.get<GuidanceList>(this.base, { params: queryParams({ q: q?.trim() }) }),
    );
  }

  get(slug: string): Promise<Article> {
    return firstValueFrom(this.http.get<Article>(`${this.base}/${encodeURIComponent(slug)}`));
  }

  acknowledge(slug: string, version: number): Promise<AcknowledgementState> {
    return firstValueFrom(
      this.http.post<AcknowledgementState>(
        `${this.base}/${encodeURIComponent(slug)}/acknowledgements`,
        { version },
      ),
    );
  }

  versions(slug: string): Promise<VersionList> {
    return firstValueFrom(
      this.http.get<VersionList>(`${this.base}/${encodeURIComponent(slug)}/versions`),
    );
  }

  diff(slug: string, from: number, to: number): Promise<ArticleDiff> {
    return firstValueFrom(
      this.http.get<ArticleDiff>(`${this.base}/${encodeURIComponent(slug)}/diff`, {
        params: queryParams({ from, to }),
      }),
    );
  }

  coverage(slug: string, cursor?: string): Promise<Coverage> {
    return firstValueFrom(
      this.http.get<Coverage>(`${this.base}/${encodeURIComponent(slug)}/coverage`, {
        params: queryParams({ cursor, limit: 50 }),
      }),
    );
  }

  remind(slug: string): Promise<{ notified: number }> {
    return firstValueFrom(
      this.http.post<{ notified: number }>(
        `${this.base}/${encodeURIComponent(slug)}/coverage/reminders`,
        {},
      ),
    );
  }

  draft(slug: string): Promise<Draft> {
    return firstValueFrom(this.http.get<Draft>(`${this.base}/${encodeURIComponent(slug)}/draft`));
  }

  create(body: CreateArticle): Promise<Draft> {
    return firstValueFrom(this.http.post<Draft>(this.base, body));
  }

  saveDraft(slug: string, body: ArticleFields): Promise<Draft> {
    return firstValueFrom(
      this.http.put<Draft>(`${this.base}/${encodeURIComponent(slug)}/draft`, body),
    );
  }

  publish(slug: string, changeNote: string): Promise<Draft> {
    return firstValueFrom(
      this.http.post<Draft>(`${this.base}/${encodeURIComponent(slug)}/publish`, {
        changeNote: changeNote.trim() || undefined,
      }),
    );
  }

  /** The download address of an attachment (a plain link: the browser saves the file). */
  attachmentUrl(slug: string, fileId: string): string {
    return `${this.base}/${encodeURIComponent(slug)}/attachments/${encodeURIComponent(fileId)}`;
  }

  addAttachment(slug: string, file: File): Promise<Attachment> {
    const body = new FormData();
    body.append('file', file, file.name);
    return firstValueFrom(
      this.http.post<Attachment>(`${this.base}/${encodeURIComponent(slug)}/attachments`, body),
    );
  }

  removeAttachment(slug: string, fileId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(this.attachmentUrl(slug, fileId)));
  }

  preview(body: string): Promise<{ html: string }> {
    return firstValueFrom(this.http.post<{ html: string }>(`${this.base}/preview`, { body }));
  }
}

/** An excerpt as segments of plain text, marked or not (rendered as text nodes, never HTML). */
export function excerptSegments(e: Excerpt): Array<{ text: string; mark: boolean }> {
  const out: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const h of [...e.highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    if (h.start > at) out.push({ text: e.text.slice(at, h.start), mark: false });
    out.push({ text: e.text.slice(h.start, h.start + h.length), mark: true });
    at = h.start + h.length;
  }
  if (at < e.text.length) out.push({ text: e.text.slice(at), mark: false });
  return out;
}

/** A file size for people: "420 kB", "1,2 MB". */
export function fileSize(bytes: number, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'sv-SE';
  if (bytes < 1024 * 1024)
    return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
