import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Observable, throwError } from 'rxjs';
import { toProblem, type Problem } from '../core/errors/problem';
import { draftKey } from '../reports/report-draft';
import { ReportFormComponent, type ReportChannel } from '../reports/report-form';
import { publicRequest } from '../reports/report-form.model';
import type { PublicIntake } from '../reports/report.models';
import type { UploadEvent } from '../reports/attachment-upload';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { PublicReportService } from './public-report.service';

/** `/anonym`: report without an account. Nothing identifies the reporter; a code lets them return. */
@Component({
  selector: 'varn-anon-report-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    PageHeader,
    ProblemAlert,
    ReportFormComponent,
  ],
  template: `
    <varn-page-header
      [heading]="'anon.form.heading' | transloco"
      [lead]="'anon.form.lead' | transloco"
    />
    <p>
      {{ 'anon.form.haveCode' | transloco }}
      <a routerLink="/anonym/logga-in">{{ 'anon.form.haveCodeLink' | transloco }}</a>
    </p>
    @if (intake(); as data) {
      <varn-report-form
        [channel]="channel"
        [units]="data.units"
        [securityContact]="data.securityContact"
      />
    } @else if (problem(); as p) {
      <p class="urgent">{{ 'report.urgentFallback' | transloco }}</p>
      <varn-problem-alert [problem]="p">
        <button mat-stroked-button type="button" (click)="load()">
          {{ 'report.retry' | transloco }}
        </button>
      </varn-problem-alert>
    } @else {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
  `,
})
export class AnonReportPage {
  private readonly api = inject(PublicReportService);
  private readonly router = inject(Router);

  protected readonly intake = signal<PublicIntake | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  private receiptCode: string | null = null;

  protected readonly channel: ReportChannel = {
    mode: 'anonymous',
    draftKey: draftKey('anonymous'),
    create: async (form) => {
      const { receiptCode } = await this.api.submit(publicRequest(form));
      this.receiptCode = receiptCode;
      // attachments go through the receipt session; if it cannot be opened, the code still shows
      const session = await this.api.openSession(receiptCode).then(
        () => true,
        () => false,
      );
      return {
        upload: (file: File): Observable<UploadEvent> =>
          session ? this.api.upload(file) : throwError(() => new Error('no receipt session')),
      };
    },
    finish: async (uploadFailures) => {
      if (!this.receiptCode) return;
      this.api.freshReceipt.set({ code: this.receiptCode, uploadFailures });
      this.receiptCode = null;
      await this.router.navigateByUrl('/anonym/kvitto', { replaceUrl: true });
    },
  };

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      this.intake.set(await this.api.loadIntake());
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }
}
