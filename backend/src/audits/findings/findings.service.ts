import { ForbiddenError } from '@casl/ability';
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility, type SubjectRecord } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { localDateOf, parseLocalDate, type LocalDate } from '../../core/domain/local-date';
import { Problem } from '../../core/errors/problem';
import { NotificationService } from '../../core/notify/notification.service';
import {
  canTransitionAction,
  findingCloseBlockers,
  type CorrectiveActionStatus,
  type FindingDecision,
  type FindingSeverity,
  type FindingStatus,
} from '../domain/findings';
import type { AuditFindingEntity } from '../entities/audit-finding.entity';
import type { CorrectiveActionEntity } from '../entities/corrective-action.entity';
import { AuditRefs, assertNotSigned, type TemplateItems } from './audit-refs';
import {
  CorrectiveActionDto,
  CreateCorrectiveActionDto,
  CreateFindingDto,
  FindingDto,
  FindingPageDto,
  ListFindingsQuery,
  MyCorrectiveActionsDto,
  UpdateCorrectiveActionDto,
  VerifyActionDto,
} from './dto/finding.dto';
import {
  ACTION_COLUMNS,
  FINDING_COLUMNS,
  FindingsRepository,
  type ActionRow,
  type FindingRow,
} from './findings.repository';

/** The app path an action's owner is sent to (the frontend's "my corrective actions"). */
export const MY_ACTIONS_LINK = '/uppfoljning/avvikelser?visa=mina';

/**
 * Findings (avvikelser) of an audit and their corrective actions. A finding is raised on an item
 * answered `avvikelse`; it closes only when a controller has verified every corrective action
 * (domain `findingCloseBlockers`). Action owners see and update only their own actions (report
 * them done, the supplier's response). The audit record itself (answers, findings) is frozen by
 * sign-off; the follow-up of its open findings — actions, decisions, verification — goes on.
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly repo: FindingsRepository,
    private readonly audits: AuditRefs,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  today(): LocalDate {
    return localDateOf(this.clock.now());
  }

  // ------------------------------------------------------------------ findings

  async create(
    auditId: string,
    dto: CreateFindingDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<FindingDto> {
    const id = await this.db.transaction(async () => {
      const a = await this.audits.allowed(
        auditId,
        ability,
        'create',
        (x) => findingSubject({ id: '', auditId: x.id, unitPath: x.unitPath }),
        'Du får inte registrera avvikelser i den här granskningen.',
      );
      assertNotSigned(a);
      const template = await this.audits.template(a.templateId);
      if (!template.items.has(dto.itemId))
        throw Problem.badRequest(
          'Punkten finns inte i granskningens checklista.',
          'validation_failed',
          [{ field: 'itemId', messages: ['unknown_item'] }],
        );
      const answer = await this.repo.answerOf(a.id, dto.itemId);
      if (answer !== 'avvikelse')
        throw Problem.conflict(
          'En avvikelse kan bara registreras på en punkt som är besvarad med Avvikelse.',
          'not_a_deviation',
        );
      const now = this.clock.now();
      const row: AuditFindingEntity = {
        id: randomUUID(),
        auditId: a.id,
        itemId: dto.itemId,
        severity: dto.severity,
        description: dto.description,
        evidence: dto.evidence ?? null,
        status: 'oppen',
        riskId: null,
        createdAt: now,
        createdBy: actor.id,
        closedAt: null,
        updatedAt: now,
        version: 1,
      };
      await this.repo.findings.insert(row);
      await this.audit.record({
        action: 'contract_audit.finding_created',
        actor,
        objectType: 'ContractAudit',
        objectId: a.id,
        details: { findingId: row.id, itemId: row.itemId, severity: row.severity },
      });
      return row.id;
    });
    return this.get(id, actor, ability);
  }

  /**
   * One finding. Someone who owns one of its actions but may not read the finding (an action
   * owner outside audit work) sees it too, with only their own actions and without the evidence.
   */
  async get(id: string, user: AuthUser, ability: AppAbility): Promise<FindingDto> {
    const f = await this.repo.findById(id);
    if (
      !f ||
      (!ability.can('read', findingSubject(f)) &&
        !(await this.repo.actions.existsBy({ findingId: f.id, ownerId: user.id })))
    )
      throw Problem.notFound('Avvikelsen');
    const [dto] = await this.toDtos([f], ability);
    return dto;
  }

  async list(
    query: ListFindingsQuery,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<FindingPageDto> {
    const limit = query.limit ?? 50;
    const mine = query.mine === 'true';
    const rows = await this.repo.list({
      // mine: the findings with an action the caller owns — their own actions are always theirs
      // to read (ability.ts), and the finding is shown to them in the owner's view (see toDto)
      access: mine
        ? { sql: '1 = 1', params: {} }
        : accessibleWhere(ability, 'read', 'AuditFinding', FINDING_COLUMNS),
      contractId: query.contractId,
      auditId: query.auditId,
      status: query.status,
      actionOwnerId: mine ? user.id : undefined,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.toDtos(page, ability),
      nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  }

  /** Open findings of a contract the caller may read, without their actions (contract page). */
  async openOfContract(contractId: string, ability: AppAbility): Promise<FindingDto[]> {
    const rows = await this.repo.list({
      access: accessibleWhere(ability, 'read', 'AuditFinding', FINDING_COLUMNS),
      contractId,
      status: 'oppen',
      limit: 100,
    });
    return this.toDtos(rows, ability, { withActions: false });
  }

  // ------------------------------------------------------------------ corrective actions

  async addAction(
    findingId: string,
    dto: CreateCorrectiveActionDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<CorrectiveActionDto> {
    const due = this.date(dto.dueDate, 'dueDate');
    const actionId = await this.db.transaction(async () => {
      const f = await this.loadFinding(findingId, ability);
      ForbiddenError.from(ability)
        .setMessage('Du får inte lägga till åtgärder på den här avvikelsen.')
        .throwUnlessCan('create', actionSubject(f, { id: '', ownerId: dto.ownerId }));
      assertOpen(f);
      await this.assertUser(dto.ownerId, 'ownerId');
      const decision = this.decisionOf(dto, null);
      const now = this.clock.now();
      const row: CorrectiveActionEntity = {
        id: randomUUID(),
        findingId: f.id,
        title: dto.title,
        ownerId: dto.ownerId,
        dueDate: due,
        status: 'oppen',
        supplierResponse: null,
        ...decision,
        verifiedAt: null,
        verifiedBy: null,
        createdAt: now,
        createdBy: actor.id,
        updatedAt: now,
        version: 1,
      };
      await this.repo.actions.insert(row);
      await this.audit.record({
        action: 'contract_audit.action_created',
        actor,
        objectType: 'ContractAudit',
        objectId: f.auditId,
        details: {
          findingId: f.id,
          actionId: row.id,
          ownerId: row.ownerId,
          dueDate: due,
          ...(row.decision ? { decision: row.decision } : {}),
        },
      });
      if (row.ownerId !== actor.id) await this.notifyOwner(row);
      return row.id;
    });
    return this.actionDto(actionId, ability);
  }

  async updateAction(
    actionId: string,
    dto: UpdateCorrectiveActionDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<CorrectiveActionDto> {
    await this.db.transaction(async () => {
      const { action, subject, finding } = await this.loadAction(actionId, ability);
      ForbiddenError.from(ability)
        .setMessage('Du får inte ändra den här åtgärden.')
        .throwUnlessCan('update', subject);
      const manage = canManage(ability, subject);
      const ownerFields = ['status', 'supplierResponse'] as const;
      const given = (Object.keys(dto) as Array<keyof UpdateCorrectiveActionDto>).filter(
        (k) => k !== 'version' && dto[k] !== undefined,
      );
      if (!manage && given.some((k) => !(ownerFields as readonly string[]).includes(k)))
        throw Problem.forbidden(
          'Som ansvarig för åtgärden kan du rapportera den som åtgärdad och skriva leverantörens svar.',
        );
      if (!manage && dto.status === 'oppen')
        throw Problem.forbidden('Bara en avtalscontroller kan öppna en åtgärd igen.');
      if (action.status === 'verifierad')
        throw Problem.conflict('Åtgärden är verifierad och kan inte ändras.', 'action_verified');
      if (dto.version !== action.version)
        throw new Problem(
          HttpStatus.CONFLICT,
          'edit_conflict',
          'Åtgärden har ändrats av någon annan sedan du öppnade den. Ladda om och gör om ändringen.',
          { currentVersion: action.version },
        );
      const patch: Partial<CorrectiveActionEntity> = {};
      const changed: string[] = [];
      const set = <K extends keyof CorrectiveActionEntity>(k: K, v: CorrectiveActionEntity[K]) => {
        if (v === action[k]) return;
        patch[k] = v;
        changed.push(k);
      };
      if (dto.status !== undefined) {
        if (
          dto.status !== action.status &&
          !canTransitionAction(action.status as CorrectiveActionStatus, dto.status)
        )
          throw Problem.conflict('Åtgärden kan inte få den statusen nu.', 'status_not_allowed');
        set('status', dto.status);
      }
      if (dto.supplierResponse !== undefined) set('supplierResponse', dto.supplierResponse);
      if (dto.title !== undefined) set('title', dto.title);
      if (dto.dueDate !== undefined) set('dueDate', this.date(dto.dueDate, 'dueDate'));
      if (dto.ownerId !== undefined && dto.ownerId !== action.ownerId) {
        await this.assertUser(dto.ownerId, 'ownerId');
        set('ownerId', dto.ownerId);
      }
      if (
        dto.decision !== undefined ||
        dto.decisionBy !== undefined ||
        dto.decidedOn !== undefined
      ) {
        const d = this.decisionOf(dto, action);
        set('decision', d.decision);
        set('decisionBy', d.decisionBy);
        set('decidedOn', d.decidedOn);
      }
      if (!changed.length) return;
      patch.updatedAt = this.clock.now();
      patch.version = action.version + 1;
      const res = await this.repo.actions.update({ id: action.id, version: action.version }, patch);
      if (res.affected !== 1)
        throw new Problem(
          HttpStatus.CONFLICT,
          'edit_conflict',
          'Åtgärden har ändrats av någon annan. Ladda om och gör om ändringen.',
        );
      await this.audit.record({
        action: 'contract_audit.action_updated',
        actor,
        objectType: 'ContractAudit',
        objectId: finding.auditId,
        details: {
          findingId: finding.id,
          actionId: action.id,
          changed,
          ...(patch.status ? { status: patch.status } : {}),
          ...(patch.decision ? { decision: patch.decision } : {}),
        },
      });
      if (patch.ownerId && patch.ownerId !== actor.id)
        await this.notifyOwner({ ...action, ...patch });
      else if (patch.status === 'oppen' && action.ownerId !== actor.id)
        // sent back by a controller: the owner has something to do again
        await this.notifyOwner(action, 'contract_audit.action_reopened');
    });
    return this.actionDto(actionId, ability);
  }

  /**
   * A controller verifies an action its owner reported done (`atgardad`); when every action of
   * the finding is verified the finding closes. Nobody verifies an action they own.
   */
  async verify(
    findingId: string,
    dto: VerifyActionDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<FindingDto> {
    await this.db.transaction(async () => {
      const f = await this.loadFinding(findingId, ability);
      ForbiddenError.from(ability)
        .setMessage('Bara en avtalscontroller för avtalets enhet kan verifiera åtgärder.')
        .throwUnlessCan('update', findingSubject(f));
      const actions = await this.repo.actions.find({ where: { findingId: f.id } });
      const action = actions.find((a) => a.id === dto.actionId);
      if (!action) throw Problem.notFound('Åtgärden');
      ForbiddenError.from(ability)
        .setMessage('Bara en avtalscontroller för avtalets enhet kan verifiera åtgärder.')
        .throwUnlessCan('update', actionSubject(f, { id: action.id, ownerId: `not:${actor.id}` }));
      if (action.ownerId === actor.id)
        throw Problem.forbidden('Du kan inte verifiera en åtgärd som du själv ansvarar för.');
      if (!canTransitionAction(action.status as CorrectiveActionStatus, 'verifierad'))
        throw Problem.conflict(
          action.status === 'verifierad'
            ? 'Åtgärden är redan verifierad.'
            : 'Åtgärden är inte rapporterad som åtgärdad ännu.',
          action.status === 'verifierad' ? 'action_verified' : 'action_not_done',
        );
      const now = this.clock.now();
      const res = await this.repo.actions.update(
        { id: action.id, version: action.version },
        {
          status: 'verifierad',
          verifiedAt: now,
          verifiedBy: actor.id,
          updatedAt: now,
          version: action.version + 1,
        },
      );
      if (res.affected !== 1)
        throw new Problem(
          HttpStatus.CONFLICT,
          'edit_conflict',
          'Åtgärden har just ändrats. Ladda om.',
        );
      action.status = 'verifierad';
      const blockers = findingCloseBlockers(
        actions.map((a) => ({ id: a.id, status: a.status as CorrectiveActionStatus })),
      );
      const closes = blockers.length === 0;
      if (closes)
        await this.repo.findings.update(
          { id: f.id },
          { status: 'stangd', closedAt: now, updatedAt: now, version: f.version + 1 },
        );
      await this.audit.record({
        action: 'contract_audit.action_verified',
        actor,
        objectType: 'ContractAudit',
        objectId: f.auditId,
        details: { findingId: f.id, actionId: action.id },
      });
      if (closes)
        await this.audit.record({
          action: 'contract_audit.finding_closed',
          actor,
          objectType: 'ContractAudit',
          objectId: f.auditId,
          details: { findingId: f.id, actions: actions.length },
        });
    });
    return this.get(findingId, actor, ability);
  }

  /** The corrective actions the caller owns (also on findings they cannot open). */
  async myActions(user: AuthUser, ability: AppAbility): Promise<MyCorrectiveActionsDto> {
    const today = this.today();
    const rows = await this.repo.actionsOwnedBy(
      user.id,
      accessibleWhere(ability, 'read', 'CorrectiveAction', ACTION_COLUMNS),
    );
    const templates = await this.audits.templates(rows.map((r) => r.finding.templateId));
    return {
      items: rows.map(({ action, finding }) => {
        const item = templates.get(finding.templateId)?.items.get(finding.itemId);
        return {
          ...this.toActionDto(finding, action, ability, today),
          contractTitle: finding.contractTitle,
          supplierName: finding.supplierName,
          itemText: item?.text ?? finding.itemId,
          severity: finding.severity as FindingSeverity,
          findingDescription: finding.description,
          canReadFinding: ability.can('read', findingSubject(finding)),
        };
      }),
    };
  }

  // ------------------------------------------------------------------ helpers (also for FindingRiskService)

  /** The finding if the caller may read it (404 otherwise). */
  async loadFinding(id: string, ability: AppAbility): Promise<FindingRow> {
    const f = await this.repo.findById(id);
    if (!f || !ability.can('read', findingSubject(f))) throw Problem.notFound('Avvikelsen');
    return f;
  }

  private async loadAction(
    id: string,
    ability: AppAbility,
  ): Promise<{ action: CorrectiveActionEntity; subject: SubjectRecord; finding: FindingRow }> {
    const a = await this.repo.actionById(id);
    const subject =
      a &&
      asSubject('CorrectiveAction', {
        id: a.id,
        findingId: a.findingId,
        unitPath: a.unitPath,
        ownerId: a.ownerId,
      });
    if (!a || !subject || !ability.can('read', subject)) throw Problem.notFound('Åtgärden');
    const finding = (await this.repo.findById(a.findingId))!;
    return { action: a, subject, finding };
  }

  private async actionDto(actionId: string, ability: AppAbility): Promise<CorrectiveActionDto> {
    const a = await this.repo.actionById(actionId);
    const finding = (await this.repo.findById(a!.findingId))!;
    const [row] = (await this.repo.actionsOf([finding.id])).filter((x) => x.id === actionId);
    return this.toActionDto(finding, row, ability, this.today());
  }

  private async toDtos(
    rows: FindingRow[],
    ability: AppAbility,
    opts: { withActions?: boolean } = {},
  ): Promise<FindingDto[]> {
    const today = this.today();
    const [templates, actions] = await Promise.all([
      this.audits.templates(rows.map((r) => r.templateId)),
      this.repo.actionsOf(rows.map((r) => r.id)),
    ]);
    const byFinding = new Map<string, ActionRow[]>();
    for (const a of actions) byFinding.set(a.findingId, [...(byFinding.get(a.findingId) ?? []), a]);
    return rows.map((f) => {
      const own = byFinding.get(f.id) ?? [];
      return this.toDto(
        f,
        own,
        templates.get(f.templateId),
        ability,
        today,
        opts.withActions ?? true,
      );
    });
  }

  private toDto(
    f: FindingRow,
    actions: ActionRow[],
    template: TemplateItems | undefined,
    ability: AppAbility,
    today: LocalDate,
    withActions: boolean,
  ): FindingDto {
    const item = template?.items.get(f.itemId);
    const subject = findingSubject(f);
    const canUpdate = ability.can('update', subject);
    // an action owner who may not read the finding: their own actions, no evidence
    const full = ability.can('read', subject);
    const shown = full ? actions : actions.filter((a) => ability.can('read', actionSubject(f, a)));
    return {
      id: f.id,
      auditId: f.auditId,
      auditStatus: f.auditStatus,
      contractId: f.contractId,
      contractTitle: f.contractTitle,
      supplierName: f.supplierName,
      unitId: f.unitId,
      itemId: f.itemId,
      itemNumber: item?.number ?? null,
      itemText: item?.text ?? f.itemId,
      severity: f.severity as FindingSeverity,
      description: f.description,
      evidence: full ? f.evidence : null,
      status: f.status as FindingStatus,
      createdAt: f.createdAt.toISOString(),
      createdBy: { id: f.createdBy, name: f.createdByName },
      closedAt: f.closedAt ? f.closedAt.toISOString() : null,
      riskId: f.riskId,
      actions: withActions ? shown.map((a) => this.toActionDto(f, a, ability, today)) : [],
      closeBlockers:
        f.status === 'stangd'
          ? []
          : findingCloseBlockers(
              actions.map((a) => ({ id: a.id, status: a.status as CorrectiveActionStatus })),
            ),
      version: f.version,
      permissions: {
        canAddAction:
          f.status === 'oppen' && ability.can('create', actionSubject(f, { id: '', ownerId: '' })),
        canVerify: f.status === 'oppen' && canUpdate,
        canLinkRisk:
          f.status === 'oppen' &&
          canUpdate &&
          ability.can(
            'update',
            asSubject('Risk', { id: '', unitId: f.unitId, unitPath: f.unitPath, ownerId: '' }),
          ),
      },
    };
  }

  private toActionDto(
    f: Pick<FindingRow, 'unitPath'>,
    a: ActionRow,
    ability: AppAbility,
    today: LocalDate,
  ): CorrectiveActionDto {
    const subject = actionSubject(f, a);
    return {
      id: a.id,
      findingId: a.findingId,
      title: a.title,
      ownerId: a.ownerId,
      ownerName: a.ownerName,
      dueDate: a.dueDate,
      status: a.status as CorrectiveActionStatus,
      supplierResponse: a.supplierResponse,
      decision: a.decision as FindingDecision | null,
      decisionBy: a.decisionBy,
      decidedOn: a.decidedOn,
      verifiedAt: a.verifiedAt ? a.verifiedAt.toISOString() : null,
      verifiedBy: a.verifiedBy ? { id: a.verifiedBy, name: a.verifiedByName } : null,
      overdue: a.status === 'oppen' && a.dueDate < today,
      version: a.version,
      canUpdate: a.status !== 'verifierad' && ability.can('update', subject),
      canManage: a.status !== 'verifierad' && canManage(ability, subject),
    };
  }

  /** The decision columns after applying `dto` over `current`; a decision needs its maker. */
  private decisionOf(
    dto: {
      decision?: FindingDecision | null;
      decisionBy?: string | null;
      decidedOn?: string | null;
    },
    current: Pick<CorrectiveActionEntity, 'decision' | 'decisionBy' | 'decidedOn'> | null,
  ): { decision: string | null; decisionBy: string | null; decidedOn: string | null } {
    const decision = dto.decision !== undefined ? dto.decision : (current?.decision ?? null);
    if (!decision) return { decision: null, decisionBy: null, decidedOn: null };
    const decisionBy =
      dto.decisionBy !== undefined ? dto.decisionBy : (current?.decisionBy ?? null);
    if (!decisionBy)
      throw Problem.badRequest('Ange vem som fattade beslutet.', 'validation_failed', [
        { field: 'decisionBy', messages: ['required_with_decision'] },
      ]);
    const on = dto.decidedOn !== undefined ? dto.decidedOn : (current?.decidedOn ?? null);
    return {
      decision,
      decisionBy,
      decidedOn: on ? this.date(on, 'decidedOn') : this.today(),
    };
  }

  private date(value: string, field: string): LocalDate {
    const d = parseLocalDate(value);
    if (!d)
      throw Problem.badRequest('Ogiltigt datum.', 'validation_failed', [
        { field, messages: ['invalid_date'] },
      ]);
    return d;
  }

  private async assertUser(id: string, field: string): Promise<void> {
    if (!(await this.repo.activeUserExists(id)))
      throw Problem.badRequest('Användaren finns inte eller är inaktiv.', 'validation_failed', [
        { field, messages: ['unknown_user'] },
      ]);
  }

  /** "You have something to do": ids and dates only, a link to the owner's own actions. */
  private notifyOwner(
    a: Pick<CorrectiveActionEntity, 'id' | 'ownerId' | 'dueDate'>,
    kind:
      | 'contract_audit.action_assigned'
      | 'contract_audit.action_reopened' = 'contract_audit.action_assigned',
  ): Promise<void> {
    return this.notifications.notify([a.ownerId], {
      kind,
      params: { actionId: a.id, dueOn: a.dueDate },
      link: MY_ACTIONS_LINK,
    });
  }
}

export function findingSubject(f: {
  id: string;
  auditId: string;
  unitPath: string;
}): SubjectRecord {
  return asSubject('AuditFinding', { id: f.id, auditId: f.auditId, unitPath: f.unitPath });
}

function actionSubject(
  f: Pick<FindingRow, 'unitPath'>,
  a: { id: string; ownerId: string; findingId?: string },
): SubjectRecord {
  return asSubject('CorrectiveAction', {
    id: a.id,
    findingId: a.findingId ?? '',
    unitPath: f.unitPath,
    ownerId: a.ownerId,
  });
}

/** Controller rights on the action: allowed also when someone else owns it. */
function canManage(ability: AppAbility, subject: SubjectRecord): boolean {
  const s = subject as unknown as { id: string; findingId: string; unitPath: string };
  return ability.can(
    'update',
    asSubject('CorrectiveAction', {
      id: s.id,
      findingId: s.findingId,
      unitPath: s.unitPath,
      ownerId: '00000000-0000-0000-0000-000000000000',
    }),
  );
}

function assertOpen(f: FindingRow): void {
  if (f.status !== 'oppen') throw Problem.conflict('Avvikelsen är stängd.', 'finding_closed');
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const createdAt = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(createdAt.getTime())) throw new Error('bad');
    return { createdAt, id };
  } catch {
    throw Problem.badRequest('Ogiltig markör (cursor).', 'validation_failed', [
      { field: 'cursor', messages: ['invalid_cursor'] },
    ]);
  }
}
