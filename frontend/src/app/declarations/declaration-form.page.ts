import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  DECLARATION_TYPES,
  INTEREST_KINDS,
  JAV_GROUNDS,
  JAV_HANDLING,
  type DeclarationType,
  type InterestKind,
  type JavGround,
  type JavHandling,
} from './declaration-labels';
import { DeclarationsService } from './declarations.service';

interface InterestRow {
  kind: InterestKind | '';
  description: string;
  organisationName: string;
  organisationNumber: string;
}

const blankInterest = (): InterestRow => ({
  kind: '',
  description: '',
  organisationName: '',
  organisationNumber: '',
});

/**
 * The jävs- och intressedeklaration (domain.md §7): who declares (from the session), the type,
 * the case for a case-specific one, each interest (with the company's organisation number), the
 * own assessment and proposed handling, and the försäkran. Signing sends it to the manager; an
 * annual one replaces the previous annual one, a `ersatter` link replaces that declaration.
 */
@Component({
  selector: 'varn-declaration-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './declaration-form.page.html',
  styles: `
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 12px 16px;
      margin: 0 0 16px;
    }
    legend {
      font: var(--mat-sys-title-medium);
      padding: 0 4px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
      gap: 4px 12px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .radio-stack {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .interest {
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding-top: 8px;
      margin-top: 8px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .field-error {
      color: var(--mat-sys-error);
      margin: 0;
      min-height: 1.2em;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
  `,
})
export class DeclarationFormPage {
  /** `?typ=` preselects the type; `?ersatter=` names the own declaration this one replaces. */
  readonly typ = input<string | undefined>(undefined);
  readonly ersatter = input<string | undefined>(undefined);

  private readonly declarations = inject(DeclarationsService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  protected readonly types = DECLARATION_TYPES;
  protected readonly kinds = INTEREST_KINDS;
  protected readonly grounds = JAV_GROUNDS;
  protected readonly handlings = JAV_HANDLING;
  protected readonly user = this.session.user;

  protected readonly chosenType = signal<DeclarationType | null>(null);
  protected readonly type = computed<DeclarationType>(
    () =>
      this.chosenType() ??
      ((DECLARATION_TYPES as readonly string[]).includes(this.typ() ?? '')
        ? (this.typ() as DeclarationType)
        : 'arlig'),
  );
  protected readonly roleTitle = signal('');
  protected readonly caseReference = signal('');
  protected readonly caseDescription = signal('');
  protected readonly partyName = signal('');
  protected readonly partyOrganisationNumber = signal('');
  protected readonly interests = signal<InterestRow[]>([]);
  protected readonly claimedGround = signal<JavGround>('inget');
  protected readonly ownAssessment = signal('');
  protected readonly proposedHandling = signal<JavHandling>('ingen_atgard');
  protected readonly affirmed = signal(false);
  protected readonly tried = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly caseMissing = computed(
    () => this.type() === 'arendespecifik' && !this.caseReference().trim(),
  );
  protected readonly interestInvalid = computed(() =>
    this.interests().some((i) => !i.kind || !i.description.trim()),
  );

  protected addInterest(): void {
    this.interests.update((list) => [...list, blankInterest()]);
    const n = this.interests().length - 1;
    setTimeout(() => document.getElementById(`interest-kind-${n}`)?.focus());
  }

  protected removeInterest(index: number): void {
    this.interests.update((list) => list.filter((_, i) => i !== index));
    setTimeout(() => document.getElementById('add-interest')?.focus());
  }

  protected setInterest(index: number, patch: Partial<InterestRow>): void {
    this.interests.update((list) =>
      list.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    );
  }

  protected async submit(): Promise<void> {
    this.tried.set(true);
    if (!this.affirmed() || this.caseMissing() || this.interestInvalid()) {
      setTimeout(() =>
        document.querySelector<HTMLElement>('#declaration-form [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    const annual = this.type() === 'arlig';
    const text = (s: string) => s.trim() || undefined;
    try {
      const d = await this.declarations.create({
        type: this.type(),
        roleTitle: text(this.roleTitle()),
        caseReference: annual ? undefined : text(this.caseReference()),
        caseDescription: annual ? undefined : text(this.caseDescription()),
        partyName: annual ? undefined : text(this.partyName()),
        partyOrganisationNumber: annual ? undefined : text(this.partyOrganisationNumber()),
        interests: this.interests().map((i) => ({
          kind: i.kind as InterestKind,
          description: i.description.trim(),
          organisationName: text(i.organisationName),
          organisationNumber: text(i.organisationNumber),
        })),
        claimedGround: this.claimedGround(),
        ownAssessment: text(this.ownAssessment()),
        proposedHandling: this.proposedHandling(),
        supersedesId: annual ? undefined : this.ersatter() || undefined,
        affirmed: true,
      });
      this.notifier.success('declarations.form.sent');
      await this.router.navigate(['/jav/deklarationer', d.id]);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
