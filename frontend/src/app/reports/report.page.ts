import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { PublicReportService } from '../public/public-report.service';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { draftKey } from './report-draft';
import { ReportFormComponent, type ReportChannel } from './report-form';
import { signedInRequest } from './report-form.model';
import type { PublicIntake } from './report.models';
import { ReportsService } from './reports.service';

/** `/rapportera`: a signed-in person reports, identified or confidential. */
@Component({
  selector: 'varn-report-page',
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
    <varn-page-header [heading]="'report.heading' | transloco" [lead]="'report.lead' | transloco" />
    <p>
      {{ 'report.anonymousAlternative' | transloco }}
      <a routerLink="/anonym">{{ 'report.anonymousLink' | transloco }}</a>
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
export class ReportPage {
  private readonly reports = inject(ReportsService);
  private readonly publicApi = inject(PublicReportService);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);

  protected readonly intake = signal<PublicIntake | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly channel: ReportChannel = {
    mode: 'signedIn',
    draftKey: draftKey(`user.${this.session.user()?.id ?? 'unknown'}`),
    create: async (form) => {
      const created = await this.reports.create(signedInRequest(form));
      this.created = created;
      return { upload: (file: File) => this.reports.upload(created.id, file) };
    },
    finish: async (uploadFailures) => {
      const created = this.created;
      if (!created) return;
      await this.router.navigate(['/mina-rapporter', created.id], {
        state: { sent: created.reference, uploadFailures },
      });
    },
    loadHandlers: (unitId) => this.reports.handlers(unitId),
  };
  private created: { id: string; reference: string } | null = null;

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      this.intake.set(await this.publicApi.loadIntake());
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }
}
