import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { UnitDto } from '../../core/api/models';
import { as } from '../../core/auth/ability';
import { SessionService } from '../../core/auth/session.service';
import { toProblem, type Problem } from '../../core/errors/problem';
import { problemMessage } from '../../core/errors/error-messages';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notify/notifier.service';
import { Alert } from '../../shared/ui/alert';
import { Badge } from '../../shared/ui/badge';
import { Confirmer } from '../../shared/ui/confirm-dialog';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';
import { ProblemAlert } from '../../shared/ui/problem-alert';
import { flattenTree, type UnitNode } from '../../shared/util/units';
import { MoveUnitDialog, type MoveUnitData } from './move-unit.dialog';
import { OrgService } from './org.service';
import { UnitFormDialog, type UnitFormData } from './unit-form.dialog';

interface UnitActions {
  addChild: boolean;
  edit: boolean;
  move: boolean;
  /** Deactivate (or activate an inactive unit). */
  setActive: boolean;
  remove: boolean;
}

const NO_ACTIONS: UnitActions = {
  addChild: false,
  edit: false,
  move: false,
  setActive: false,
  remove: false,
};

/** The organisation tree with the actions the user may take on each unit. */
@Component({
  selector: 'varn-org-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    Badge,
    EmptyState,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './org.page.html',
  styleUrl: './org.page.scss',
})
export class OrgPage implements OnInit {
  protected readonly org = inject(OrgService);
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  private readonly confirmer = inject(Confirmer);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  /** A unit to show (`?enhet=<id>`, e.g. from the audit log): opened up to and marked. */
  readonly enhet = input<string>();
  protected readonly target = computed(() => {
    const id = this.enhet();
    return id && this.org.byId().has(id) ? id : null;
  });

  /** Ids of expanded units; `null` until the first load (then the top two levels open). */
  private readonly expandedIds = signal<Set<string> | null>(null);
  protected readonly expanded = computed(() => {
    const ids = this.expandedIds();
    if (ids) return ids;
    const open = new Set(
      flattenTree(this.org.tree())
        .filter((n) => n.level < 1)
        .map((n) => n.unit.id),
    );
    const byId = this.org.byId();
    for (let id = byId.get(this.target() ?? '')?.parentId; id; id = byId.get(id)?.parentId)
      open.add(id);
    return open;
  });

  /**
   * What the user may do, per unit. The root (the förvaltning) can never be moved, deactivated
   * or deleted — the server refuses with `root_unit` — so those actions are not offered for it.
   */
  protected readonly actions = computed(() => {
    const map = new Map<string, UnitActions>();
    for (const unit of this.org.units()) {
      const root = unit.parentId === null;
      const edit = this.session.can('update', as('OrgUnit', unit));
      map.set(unit.id, {
        addChild:
          unit.active &&
          this.session.can('create', as('OrgUnit', { parentId: unit.id, parentPath: unit.path })),
        edit,
        move: edit && !root,
        setActive: edit && (!root || !unit.active),
        remove: !root && this.session.can('delete', as('OrgUnit', unit)),
      });
    }
    return map;
  });

  /** A delete the server refused because the unit is in use. */
  protected readonly inUse = signal<{ unit: UnitDto; problem: Problem } | null>(null);
  protected readonly working = signal(false);

  ngOnInit(): void {
    void this.org.load().then(() => {
      const id = this.target();
      if (!id) return;
      afterNextRender(
        () =>
          this.document
            .getElementById(`unit-${id}`)
            ?.scrollIntoView({ block: 'center', behavior: 'instant' }),
        { injector: this.injector },
      );
    });
  }

  protected dismissInUse(): void {
    this.inUse.set(null);
  }

  protected actionsFor(unit: UnitDto): UnitActions {
    return this.actions().get(unit.id) ?? NO_ACTIONS;
  }

  protected hasActions(unit: UnitDto): boolean {
    return Object.values(this.actionsFor(unit)).some(Boolean);
  }

  protected isExpanded(node: UnitNode): boolean {
    return this.expanded().has(node.unit.id);
  }

  protected toggle(node: UnitNode): void {
    const next = new Set(this.expanded());
    if (next.has(node.unit.id)) next.delete(node.unit.id);
    else next.add(node.unit.id);
    this.expandedIds.set(next);
  }

  protected expandAll(): void {
    this.expandedIds.set(new Set(this.org.units().map((u) => u.id)));
  }

  protected collapseAll(): void {
    this.expandedIds.set(new Set());
  }

  protected async addChild(parent: UnitDto): Promise<void> {
    const unit = await this.openForm({ mode: 'create', parent });
    if (!unit) return;
    this.expandedIds.set(new Set([...this.expanded(), parent.id]));
    this.notifier.success('org.created', { name: unit.name });
  }

  protected async edit(unit: UnitDto): Promise<void> {
    const saved = await this.openForm({ mode: 'edit', unit });
    if (saved) this.notifier.success('org.saved', { name: saved.name });
  }

  protected async move(unit: UnitDto): Promise<void> {
    const ref = this.dialog.open<MoveUnitDialog, MoveUnitData, UnitDto>(MoveUnitDialog, {
      data: { unit },
      width: '520px',
    });
    const moved = await firstValueFrom(ref.afterClosed());
    if (!moved) return;
    if (moved.parentId) this.expandedIds.set(new Set([...this.expanded(), moved.parentId]));
    this.notifier.success('org.moved', { name: moved.name });
  }

  protected async deactivate(unit: UnitDto): Promise<void> {
    const ok = await this.confirmer.ask({
      title: 'org.deactivateTitle',
      message: 'org.deactivateMessage',
      confirm: 'org.deactivate',
      params: { name: unit.name },
      destructive: true,
    });
    if (!ok) return;
    await this.run(() => this.org.deactivate(unit.id), 'org.deactivated', unit.name);
    this.inUse.set(null);
  }

  protected async activate(unit: UnitDto): Promise<void> {
    await this.run(() => this.org.activate(unit.id), 'org.activated', unit.name);
  }

  protected async remove(unit: UnitDto): Promise<void> {
    const ok = await this.confirmer.ask({
      title: 'org.deleteTitle',
      message: 'org.deleteMessage',
      confirm: 'org.delete',
      params: { name: unit.name },
      destructive: true,
    });
    if (!ok) return;
    this.inUse.set(null);
    this.working.set(true);
    try {
      await this.org.remove(unit.id);
      this.notifier.success('org.deleted', { name: unit.name });
    } catch (error) {
      const problem = toProblem(error);
      if (problem.code === 'unit_in_use') this.inUse.set({ unit, problem });
      else this.notifier.error(problemMessage(problem, this.i18n));
    } finally {
      this.working.set(false);
    }
  }

  private async openForm(data: UnitFormData): Promise<UnitDto | undefined> {
    const ref = this.dialog.open<UnitFormDialog, UnitFormData, UnitDto>(UnitFormDialog, {
      data,
      width: '520px',
    });
    return firstValueFrom(ref.afterClosed());
  }

  private async run(work: () => Promise<unknown>, successKey: string, name: string): Promise<void> {
    this.working.set(true);
    try {
      await work();
      this.notifier.success(successKey, { name });
    } catch (error) {
      this.notifier.error(problemMessage(toProblem(error), this.i18n));
    } finally {
      this.working.set(false);
    }
  }
}
