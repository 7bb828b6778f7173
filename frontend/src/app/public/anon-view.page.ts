import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { ReportView, type ReportViewActions } from '../reports/report-view';
import type { ReporterReportView } from '../reports/report.models';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { PublicReportService } from './public-report.service';

/** `/anonym/rapport`: the receipt holder's report: status, deadlines, messages, files. */
@Component({
  selector: 'varn-anon-view-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    PageHeader,
    ProblemAlert,
    ReportView,
  ],
  template: `
    @if (report(); as r) {
      <varn-page-header
        [heading]="'anon.view.heading' | transloco: { reference: r.reference }"
        [lead]="'anon.view.lead' | transloco"
      >
        <button mat-stroked-button type="button" (click)="signOut()" [disabled]="signingOut()">
          <mat-icon svgIcon="logout" />
          {{ 'anon.view.signOut' | transloco }}
        </button>
      </varn-page-header>
      <varn-report-view [report]="r" [actions]="actions" />
    } @else {
      <varn-page-header [heading]="'anon.view.title' | transloco" />
      @if (problem(); as p) {
        <varn-problem-alert [problem]="p" />
      } @else {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
    }
  `,
})
export class AnonViewPage {
  private readonly api = inject(PublicReportService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);

  protected readonly report = signal<ReporterReportView | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly signingOut = signal(false);

  protected readonly actions: ReportViewActions = {
    sendMessage: (body) => this.guard(this.api.sendMessage(body)),
    upload: (file) => this.api.upload(file),
  };

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.report.set(await this.api.report());
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 401) await this.expired();
      else this.problem.set(problem);
    }
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.api.closeSession();
    } catch (error) {
      if (toProblem(error).status !== 401) {
        this.signingOut.set(false);
        this.notifier.error(this.i18n.t('anon.view.signOutFailed'));
        return;
      }
    }
    await this.router.navigate(['/anonym/logga-in'], { queryParams: { status: 'utloggad' } });
  }

  /** A 401 means the receipt session ran out: back to the code page with a notice. */
  private async guard<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (toProblem(error).status === 401) void this.expired();
      throw error;
    }
  }

  private async expired(): Promise<void> {
    await this.router.navigate(['/anonym/logga-in'], { queryParams: { status: 'avslutad' } });
  }
}
