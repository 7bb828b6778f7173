import { Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslocoService } from '@jsverse/transloco';

/** The paginator's texts in the user's language ("1–25 av 120"). */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly transloco = inject(TranslocoService);

  constructor() {
    super();
    this.transloco.langChanges$.pipe(takeUntilDestroyed()).subscribe(() => {
      const t = (key: string): string => this.transloco.translate<string>(key);
      this.itemsPerPageLabel = t('paginator.itemsPerPage');
      this.nextPageLabel = t('paginator.next');
      this.previousPageLabel = t('paginator.previous');
      this.firstPageLabel = t('paginator.first');
      this.lastPageLabel = t('paginator.last');
      this.changes.next();
    });
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0) return this.transloco.translate<string>('paginator.none');
    const start = page * pageSize + 1;
    const end = Math.min(length, (page + 1) * pageSize);
    return this.transloco.translate<string>('paginator.range', { start, end, length });
  };
}
