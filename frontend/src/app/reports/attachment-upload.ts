import { HttpClient, HttpContext, HttpEventType } from '@angular/common/http';
import { Observable, filter, map } from 'rxjs';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES, type AttachmentInfo } from './report.models';

/** Upload progress (0–100), then the stored attachment. */
export type UploadEvent =
  { kind: 'progress'; percent: number } | { kind: 'done'; attachment: AttachmentInfo };

/** Sends one file as multipart `file` and reports progress. */
export function uploadAttachment(
  http: HttpClient,
  url: string,
  file: File,
  context?: HttpContext,
): Observable<UploadEvent> {
  const body = new FormData();
  body.append('file', file, file.name);
  return http
    .post<AttachmentInfo>(url, body, { reportProgress: true, observe: 'events', context })
    .pipe(
      filter((e) => e.type === HttpEventType.UploadProgress || e.type === HttpEventType.Response),
      map((e): UploadEvent => {
        if (e.type === HttpEventType.Response) {
          return { kind: 'done', attachment: e.body as AttachmentInfo };
        }
        const total = e.type === HttpEventType.UploadProgress ? (e.total ?? file.size) : file.size;
        const loaded = e.type === HttpEventType.UploadProgress ? e.loaded : 0;
        return {
          kind: 'progress',
          percent: total ? Math.min(99, Math.round((loaded / total) * 100)) : 0,
        };
      }),
    );
}

export type FileProblem = 'type' | 'size' | 'empty';

/** What the browser can tell before sending (the server checks the content itself). */
export function fileProblem(file: File): FileProblem | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()?.toLowerCase() : '';
  if (!ext || !ATTACHMENT_EXTENSIONS.includes(ext)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size';
  return null;
}

/** `2,4 MB`, `830 kB` in the user's language. */
export function formatBytes(bytes: number, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'sv-SE';
  if (bytes < 1024 * 1024) {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} kB`;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}
