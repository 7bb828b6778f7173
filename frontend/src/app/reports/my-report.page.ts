import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { Alert } from '../shared/ui/alert';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { ReportView, type ReportViewActions } from './report-view';
import type { MyReportDetail } from './report.models';
import { ReportsService } from './reports.service';

/** `/mina-rapporter/:id`: one of the signed-in person's reports. */
@Component({
  selector: 'varn-my-report-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    PageHeader,
    ProblemAlert,
    ReportView,
  ],
  template: `
    <a mat-button routerLink="/mina-rapporter" class="back">
      <mat-icon svgIcon="arrow_back" />
      {{ 'myReports.backToList' | transloco }}
    </a>
    @if (sent(); as reference) {
      <varn-alert kind="success">
        <p>{{ 'myReports.sent' | transloco: { reference } }}</p>
      </varn-alert>
    }
    @if (uploadFailures().length) {
      <varn-alert kind="warning">
        <p>{{ 'myReports.uploadFailures' | transloco: { names: uploadFailures().join(', ') } }}</p>
      </varn-alert>
    }
    @if (report(); as r) {
      <varn-page-header
        [heading]="'myReports.detailHeading' | transloco: { reference: r.reference }"
      />
      <varn-report-view [report]="r" [disclosures]="r.identityDisclosures" [actions]="actions" />
    } @else if (problem(); as p) {
      <varn-page-header [heading]="'myReports.detailTitle' | transloco" />
      <varn-problem-alert [problem]="p" />
    } @else {
      <varn-page-header [heading]="'myReports.detailTitle' | transloco" />
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
  `,
})
export class MyReportPage {
  private readonly reports = inject(ReportsService);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly report = signal<MyReportDetail | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  /** Set when the person arrives straight from sending the report. */
  protected readonly sent = signal<string | null>(null);
  protected readonly uploadFailures = signal<string[]>([]);

  protected readonly actions: ReportViewActions = {
    sendMessage: (body) => this.reports.sendMessage(this.id(), body),
    upload: (file) => this.reports.upload(this.id(), file),
    attachmentUrl: (fileId) => this.reports.attachmentUrl(this.id(), fileId),
  };

  constructor() {
    const state = inject(Router).currentNavigation()?.extras.state as
      { sent?: unknown; uploadFailures?: unknown } | undefined;
    if (typeof state?.sent === 'string') this.sent.set(state.sent);
    if (Array.isArray(state?.uploadFailures)) {
      this.uploadFailures.set(
        state.uploadFailures.filter((n): n is string => typeof n === 'string'),
      );
    }
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.problem.set(null);
    try {
      this.report.set(await this.reports.get(id));
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }
}
