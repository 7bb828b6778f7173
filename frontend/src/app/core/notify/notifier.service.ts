import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { I18n } from '../i18n/i18n.service';

/** Short confirmations ("Sparat") in a snackbar, announced politely to screen readers. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  success(key: string, params?: Record<string, unknown>): void {
    this.snackBar.open(this.i18n.t(key, params), this.i18n.t('common.close'), {
      duration: 6000,
      politeness: 'polite',
    });
  }

  error(message: string): void {
    this.snackBar.open(message, this.i18n.t('common.close'), {
      duration: 10000,
      politeness: 'assertive',
    });
  }
}
