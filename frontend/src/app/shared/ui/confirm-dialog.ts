import { ChangeDetectionStrategy, Component, Injectable, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogConfig,
  MatDialogModule,
} from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { I18n } from '../../core/i18n/i18n.service';

export interface ConfirmData {
  /** Already translated texts. */
  title: string;
  message: string;
  confirm: string;
  cancel: string;
  destructive?: boolean;
}

/** "Are you sure?" — the safe choice has the focus. */
@Component({
  selector: 'varn-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>
        {{ data.cancel }}
      </button>
      <button
        mat-flat-button
        type="button"
        [class.destructive]="data.destructive"
        [mat-dialog-close]="true"
      >
        {{ data.confirm }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .destructive {
      --mat-button-filled-container-color: #b3261e;
      --mat-button-filled-label-text-color: #ffffff;
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
}

export interface ConfirmRequest {
  /** Translation keys. */
  title: string;
  message: string;
  confirm: string;
  params?: Record<string, unknown>;
  destructive?: boolean;
}

/** Asks the user to confirm an action; resolves to true when they did. */
@Injectable({ providedIn: 'root' })
export class Confirmer {
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18n);

  async ask(request: ConfirmRequest): Promise<boolean> {
    const data: ConfirmData = {
      title: this.i18n.t(request.title, request.params),
      message: this.i18n.t(request.message, request.params),
      confirm: this.i18n.t(request.confirm, request.params),
      cancel: this.i18n.t('common.cancel'),
      destructive: request.destructive,
    };
    const config: MatDialogConfig<ConfirmData> = { data, width: '480px', role: 'alertdialog' };
    const ref = this.dialog.open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, config);
    return (await firstValueFrom(ref.afterClosed())) === true;
  }
}
