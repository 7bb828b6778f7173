import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18n } from '../../core/i18n/i18n.service';

/**
 * Translates a value from the server under a key prefix when there is a label for it
 * (`'auth.login' | varnLabel: 'audit.actions'`), and shows the raw value otherwise.
 */
@Pipe({ name: 'varnLabel', pure: false })
export class LabelPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(value: string | null | undefined, prefix: string): string {
    if (!value) return '';
    const key = `${prefix}.${value}`;
    return this.i18n.has(key) ? this.i18n.t(key) : value;
  }
}
