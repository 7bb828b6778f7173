import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  FINDING_SEVERITIES,
  TEXT_MAX,
  type FindingDto,
  type FindingSeverity,
} from './audits.models';
import { AuditsService } from './audits.service';

/** "Skapa avvikelse" from an item answered Avvikelse: severity, description and evidence. */
@Component({
  selector: 'varn-finding-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslocoPipe,
    ProblemAlert,
  ],
  template: `
    <form class="finding-form" (submit)="$event.preventDefault(); save()">
      <h4 [id]="'ff-' + itemId()">{{ 'audits.findings.create' | transloco }}</h4>
      <mat-radio-group
        class="severity"
        [attr.aria-labelledby]="'ffs-' + itemId()"
        [value]="severity()"
        (change)="severity.set($event.value)"
      >
        <span [id]="'ffs-' + itemId()" class="label">{{
          'audits.findings.severity' | transloco
        }}</span>
        @for (s of severities; track s) {
          <mat-radio-button [value]="s">{{
            'audits.severities.' + s | transloco
          }}</mat-radio-button>
        }
      </mat-radio-group>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'audits.findings.description' | transloco }}</mat-label>
        <textarea
          matInput
          rows="3"
          required
          [maxLength]="textMax"
          [value]="description()"
          (input)="description.set($any($event.target).value)"
        ></textarea>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'audits.findings.evidence' | transloco }}</mat-label>
        <textarea
          matInput
          rows="2"
          [maxLength]="textMax"
          [value]="evidence()"
          (input)="evidence.set($any($event.target).value)"
        ></textarea>
        <mat-hint>{{ 'audits.findings.evidenceHint' | transloco }}</mat-hint>
      </mat-form-field>
      <varn-problem-alert [problem]="problem()" />
      <div class="buttons">
        <button
          mat-flat-button
          type="submit"
          [disabled]="busy() || !severity() || !description().trim()"
        >
          {{ 'audits.findings.save' | transloco }}
        </button>
        <button mat-button type="button" (click)="cancelled.emit()">
          {{ 'audits.cancel' | transloco }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .finding-form {
      display: grid;
      gap: 8px;
      margin-top: 8px;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
      width: 100%;
    }
    h4 {
      margin: 0;
    }
    .severity {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 8px;
    }
    .label {
      font-weight: 600;
      margin-right: 8px;
    }
    .buttons {
      display: flex;
      gap: 8px;
    }
  `,
})
export class FindingForm {
  private readonly audits = inject(AuditsService);
  readonly auditId = input.required<string>();
  readonly itemId = input.required<string>();
  readonly created = output<FindingDto>();
  readonly cancelled = output();

  protected readonly severities = FINDING_SEVERITIES;
  protected readonly textMax = TEXT_MAX;
  protected readonly severity = signal<FindingSeverity | null>(null);
  protected readonly description = signal('');
  protected readonly evidence = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected async save(): Promise<void> {
    const severity = this.severity();
    const description = this.description().trim();
    if (!severity || !description || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const evidence = this.evidence().trim();
      const finding = await this.audits.createFinding(this.auditId(), {
        itemId: this.itemId(),
        severity,
        description,
        ...(evidence ? { evidence } : {}),
      });
      this.created.emit(finding);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
