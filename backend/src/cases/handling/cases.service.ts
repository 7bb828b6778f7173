import { HttpStatus, Injectable } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import {
  compareLocalDates,
  localDateOf,
  parseLocalDate,
  type LocalDate,
} from '../../core/domain/local-date';
import { Problem, type FieldError } from '../../core/errors/problem';
import { ATTACHMENT_KINDS } from '../../core/files/file-kinds';
import { FileStore, type StoredFileInfo } from '../../core/files/file-store';
import { requireUpload } from '../../core/files/upload.interceptor';
import { NotificationService } from '../../core/notify/notification.service';
import { RISK_BANDS, type RiskMatrix } from '../../risks/domain/risk-matrix';
import { scoreRisk } from '../../risks/domain/risk-scoring';
import type { RiskMatrixDto } from '../../risks/dto/risk-matrix.dto';
import { RiskMatrixService } from '../../risks/risk-matrix.service';
import { SEALED, type CaseContent, type SealedIdentity } from '../case-content';
import { deadlineColumns, timerEndOf } from '../case-timers';
import { CaseVault } from '../case-vault';
import { CASE_COLUMNS, CasesRepository, type CaseWithUnit } from '../cases.repository';
import { canTransition, closeBlockers, type CaseStatus } from '../domain/case-status';
import { timerEventIssue, type TimerEnd, type TimerKind } from '../domain/legal-timers';
import { purgeDate } from '../domain/retention';
import { classificationIssues } from '../domain/taxonomy';
import type { CaseEntity } from '../entities/case.entity';
import {
  allowedStatusesOf,
  decodeCursor,
  deadlineStateOf,
  deadlineWindow,
  encodeCursor,
  openTimerKind,
  summaryOf,
  timersOf,
} from './case-view';
import type {
  CaseActionInputDto,
  CaseAttachmentDto,
  CaseDetailDto,
  CasePageDto,
  CaseSeverityDto,
  CloseCaseDto,
  DeadlineBoardDto,
  IdentityState,
  LegalHoldDto,
  ListCasesQuery,
  TimerEventDto,
  UpdateCaseDto,
} from './dto/case.dto';
import { departmentOf, factFields } from './facts';
import { InboxRepository } from './inbox.repository';

/** The most rows the deadline board shows (earliest first); the inbox filters page the rest. */
const DEADLINE_BOARD_LIMIT = 200;

/** What an acknowledgement says when the handler writes nothing of their own. */
const DEFAULT_ACKNOWLEDGEMENT =
  'Tack för din rapport. Vi har tagit emot den och kommer att följa upp den. Du får återkoppling här.';

/** A case as loaded for work: the row, its unit, and (unless purged) its data key. */
interface LoadedCase {
  row: CaseWithUnit;
  key: Buffer;
}

/**
 * The case handler's side of issue 6: the inbox and deadline board (filtered in SQL by the CASL
 * rules, so a case routed away from a handler, or outside their scope, never appears — not even
 * as a count), the case view (decrypted with the case key, every view audited) and the case work
 * (classification, severity, assignment, status, messages, notes, timers, actions, closing, legal
 * hold, attachments). Every write is one transaction with a version bump and an audit entry whose
 * details carry ids and codes only.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly inbox: InboxRepository,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly files: FileStore,
    private readonly riskMatrix: RiskMatrixService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------ reading

  async list(query: ListCasesQuery, ability: AppAbility): Promise<CasePageDto> {
    const sort = query.sort ?? 'received';
    const order = query.order ?? (sort === 'received' ? 'desc' : 'asc');
    const limit = query.limit ?? 25;
    const after = query.after ? decodeCursor(query.after, sort, order) : undefined;
    const today = this.today();
    let unitPath: string | undefined;
    if (query.unitId) {
      const path = await this.inbox.unitPath(query.unitId);
      if (!path) return { items: [], nextCursor: null };
      unitPath = path;
    }
    const rows = await this.inbox.page({
      access: accessibleWhere(ability, 'read', 'Case', CASE_COLUMNS),
      track: query.track,
      category: query.category,
      status: query.status,
      unitPath,
      deadline: query.deadline,
      window: deadlineWindow(today),
      q: query.q ? query.q.toUpperCase() : undefined,
      sort,
      order,
      after,
      limit,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => summaryOf(r, r, today)),
      nextCursor: rows.length > limit ? encodeCursor(sort, order, page[page.length - 1]) : null,
    };
  }

  async deadlines(ability: AppAbility): Promise<DeadlineBoardDto> {
    const today = this.today();
    const rows = await this.inbox.deadlines(
      accessibleWhere(ability, 'read', 'Case', CASE_COLUMNS),
      deadlineWindow(today),
      DEADLINE_BOARD_LIMIT,
    );
    return {
      items: rows.map((r) => {
        const timer = { nextDueOn: r.nextDueOn, ackEndKind: r.ackOpen ? null : ('sent' as const) };
        return {
          id: r.id,
          reference: r.reference,
          kind: openTimerKind(timer),
          dueOn: r.nextDueOn,
          state: deadlineStateOf(timer, today) === 'overdue' ? 'overdue' : 'due_soon',
          assigneeName: r.assigneeName,
        };
      }),
    };
  }

  /** The case with its content, decrypted; audited as `case.viewed` (also for a tombstone). */
  async get(id: string, ability: AppAbility, actor: AuthUser): Promise<CaseDetailDto> {
    const row = await this.loadReadable(id, ability);
    // built on the read connection; the view is recorded (and the reporter's messages marked
    // read) in a short write transaction that commits before anything is returned
    const detail = await this.detail(row, actor);
    await this.db.transaction(async () => {
      await this.audit.record({
        action: 'case.viewed',
        actor,
        objectType: 'Case',
        objectId: row.id,
        details: { what: 'case' },
      });
      if (!row.purgedAt) await this.inbox.markReporterMessagesRead(row.id, this.clock.now());
    });
    return detail;
  }

  // ------------------------------------------------------------------ PATCH

  async update(
    id: string,
    dto: UpdateCaseDto,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    await this.db.transaction(async () => {
      const { row: c, key } = await this.loadWritable(id, ability);
      if (dto.version !== c.version) throw this.editConflict(c.version);
      const now = this.clock.now();
      const patch: Partial<CaseEntity> = {};
      const changed: string[] = [];
      const details: Record<string, unknown> = {};

      // classification: track, category, irregularity kind, severity
      const classifying =
        dto.track !== undefined ||
        dto.category !== undefined ||
        dto.irregularityKind !== undefined ||
        dto.severity !== undefined;
      const track = dto.track ?? c.track;
      const category = dto.category ?? c.category;
      const irregularityKind =
        dto.irregularityKind !== undefined
          ? dto.irregularityKind
          : category === 'valfardsbrott'
            ? c.irregularityKind
            : null;
      if (classifying) {
        const issues = classificationIssues({ category, irregularityKind });
        if (issues.length)
          throw Problem.badRequest(
            issues[0] === 'irregularity_kind_required'
              ? 'Välj typ av oegentlighet för ett välfärdsbrott.'
              : 'Typ av oegentlighet anges bara för välfärdsbrott.',
            'invalid_classification',
            [{ field: 'irregularityKind', messages: issues }],
          );
      }
      const from = this.codes(c);
      if (track !== c.track) patch.track = track;
      if (category !== c.category) patch.category = category;
      if (irregularityKind !== c.irregularityKind) patch.irregularityKind = irregularityKind;
      if (dto.severity !== undefined) Object.assign(patch, await this.severityPatch(dto.severity));
      if (patch.track) Object.assign(patch, deadlineColumns({ ...c, track }));
      const to = this.codes({ ...c, ...patch });
      const reclassified = JSON.stringify(from) !== JSON.stringify(to);

      // assignment
      if (dto.assigneeId !== undefined && dto.assigneeId !== c.assigneeId) {
        if (dto.assigneeId !== null) await this.assertAssignable(c, dto.assigneeId);
        patch.assigneeId = dto.assigneeId;
        changed.push('assigneeId');
        details['assigneeId'] = { from: c.assigneeId, to: dto.assigneeId };
      }

      // status (closing and purging have their own ways)
      if (dto.status !== undefined && dto.status !== c.status) {
        this.assertStatusAllowed(c.status, dto.status);
        patch.status = dto.status;
        if (c.status === 'avslutad') {
          // reopened: no longer closed, so no longer due for purging
          patch.closedAt = null;
          patch.closingCode = null;
          patch.purgeDueOn = null;
        }
        changed.push('status');
        details['status'] = { from: c.status, to: dto.status };
      }

      // supplier link
      if (dto.supplierId !== undefined && dto.supplierId !== c.supplierId) {
        if (dto.supplierId !== null && !(await this.inbox.supplierExists(dto.supplierId)))
          throw Problem.badRequest('Leverantören finns inte i registret.', 'validation_failed', [
            { field: 'supplierId', messages: ['unknown_supplier'] },
          ]);
        patch.supplierId = dto.supplierId;
        changed.push('supplierId');
        details['supplierId'] = { from: c.supplierId, to: dto.supplierId };
      }

      const triage = classifying && !c.triagedAt;
      if (!triage && !reclassified && !changed.length) return; // nothing changes: no new version

      if (triage) {
        patch.triagedAt = now;
        const factId = randomUUID();
        const units = await this.inbox.unitsOnPath(c.unitPath);
        await this.inbox.insertFact({
          id: factId,
          ...factFields({
            track: to.track,
            category: to.category,
            severityBand: to.severityBand,
            departmentId: departmentOf(units),
            receivedAt: c.receivedAt,
          }),
        });
        patch.contentSealed = this.sealContent(key, c, { ...this.content(key, c), factId });
      } else if (reclassified) {
        await this.updateFact(key, c, to, patch);
      }
      patch.updatedAt = now;
      if (!(await this.cases.updateVersioned(c.id, c.version, patch)))
        throw this.editConflict(await this.currentVersion(c.id));

      if (triage || reclassified)
        await this.audit.record({
          action: 'case.classified',
          actor,
          objectType: 'Case',
          objectId: c.id,
          details: { from, to, triage },
        });
      if (changed.length)
        await this.audit.record({
          action: 'case.updated',
          actor,
          objectType: 'Case',
          objectId: c.id,
          details: { changed, ...details },
        });
      if (patch.assigneeId && patch.assigneeId !== actor.id)
        await this.notifications.notify([patch.assigneeId], {
          kind: 'case.assigned',
          params: { caseId: c.id, reference: c.reference },
          link: `/arenden/${c.id}`,
        });
    });
    return this.get(id, ability, actor);
  }

  // ------------------------------------------------------------------ messages and notes

  /** A message to the reporter (they read it in Mina rapporter or with their receipt code). */
  async sendMessage(
    id: string,
    body: string,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    await this.db.transaction(async () => {
      const { row: c, key } = await this.loadWritable(id, ability);
      const messageId = await this.addMessage(c, key, 'to_reporter', body, actor);
      await this.cases.touch(c.id, { updatedAt: this.clock.now() });
      await this.audit.record({
        action: 'case.message_sent',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: { messageId },
      });
      await this.notifyReporter(c, key);
    });
    return this.get(id, ability, actor);
  }

  /** An internal note: never shown to the reporter. */
  async addNote(
    id: string,
    body: string,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    await this.db.transaction(async () => {
      const { row: c, key } = await this.loadWritable(id, ability);
      const noteId = await this.addMessage(c, key, 'note', body, actor);
      await this.cases.touch(c.id, { updatedAt: this.clock.now() });
      await this.audit.record({
        action: 'case.note_added',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: { noteId },
      });
    });
    return this.get(id, ability, actor);
  }

  // ------------------------------------------------------------------ legal timers

  /** Ends the acknowledgement timer: sent (a message to the reporter) or waived with a reason. */
  acknowledge(
    id: string,
    dto: TimerEventDto,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    return this.endTimer('acknowledgement', id, dto, ability, actor);
  }

  /** Ends the feedback timer the same way; the feedback itself is the message. */
  feedback(
    id: string,
    dto: TimerEventDto,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    if (dto.mode === 'sent' && !dto.body)
      throw Problem.badRequest('Skriv återkopplingen till rapportören.', 'validation_failed', [
        { field: 'body', messages: ['required'] },
      ]);
    return this.endTimer('feedback', id, dto, ability, actor);
  }

  private async endTimer(
    kind: TimerKind,
    id: string,
    dto: TimerEventDto,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    await this.db.transaction(async () => {
      const { row: c, key } = await this.loadWritable(id, ability);
      const now = this.clock.now();
      const end: TimerEnd =
        dto.mode === 'sent'
          ? { kind: 'sent', at: now }
          : { kind: 'waived', at: now, reason: dto.reason! };
      const issue = timerEventIssue(kind, end, {
        track: c.track,
        receivedAt: c.receivedAt,
        acknowledgement: timerEndOf(c.ackEndedAt, c.ackEndKind, c.ackWaiverReason),
        feedback: timerEndOf(c.feedbackEndedAt, c.feedbackEndKind, c.feedbackWaiverReason),
      });
      if (issue)
        throw new Problem(HttpStatus.CONFLICT, 'timer_event_refused', TIMER_ISSUE_TEXT[issue], {
          errors: [{ field: 'mode', messages: [issue] }],
        });
      const reason = end.kind === 'waived' ? end.reason : null;
      const patch: Partial<CaseEntity> =
        kind === 'acknowledgement'
          ? { ackEndedAt: now, ackEndKind: end.kind, ackWaiverReason: reason }
          : { feedbackEndedAt: now, feedbackEndKind: end.kind, feedbackWaiverReason: reason };
      Object.assign(patch, deadlineColumns({ ...c, ...patch }));
      if (dto.mode === 'waived') {
        const content = this.content(key, c);
        patch.contentSealed = this.sealContent(key, c, {
          ...content,
          [kind === 'acknowledgement' ? 'ackWaiverMotivation' : 'feedbackWaiverMotivation']:
            dto.motivation,
        });
      }
      const target: CaseStatus = kind === 'acknowledgement' ? 'bekraftad' : 'aterkoppling_lamnad';
      const statusFrom = c.status;
      if (
        (kind === 'acknowledgement' ? c.status === 'registrerad' : true) &&
        canTransition(c.status, target)
      )
        patch.status = target;
      patch.updatedAt = now;
      if (!(await this.cases.updateVersioned(c.id, c.version, patch)))
        throw this.editConflict(await this.currentVersion(c.id));
      let messageId: string | null = null;
      if (dto.mode === 'sent') {
        messageId = await this.addMessage(
          c,
          key,
          'to_reporter',
          dto.body ?? DEFAULT_ACKNOWLEDGEMENT,
          actor,
        );
        await this.notifyReporter(c, key);
      }
      await this.audit.record({
        action: kind === 'acknowledgement' ? 'case.acknowledged' : 'case.feedback_given',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: {
          mode: dto.mode,
          ...(reason ? { reason } : {}),
          ...(messageId ? { messageId } : {}),
          ...(patch.status ? { status: { from: statusFrom, to: patch.status } } : {}),
        },
      });
    });
    return this.get(id, ability, actor);
  }

  // ------------------------------------------------------------------ actions

  async recordAction(
    id: string,
    dto: CaseActionInputDto,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    const occurredOn = parseLocalDate(dto.occurredOn);
    if (!occurredOn || compareLocalDates(occurredOn, this.today()) > 0)
      throw Problem.badRequest('Ange ett datum som har varit, ÅÅÅÅ-MM-DD.', 'validation_failed', [
        { field: 'occurredOn', messages: [occurredOn ? 'in_future' : 'invalid_date'] },
      ]);
    await this.db.transaction(async () => {
      const { row: c, key } = await this.loadWritable(id, ability);
      const actionId = randomUUID();
      const now = this.clock.now();
      await this.inbox.insertAction({
        id: actionId,
        caseId: c.id,
        type: dto.type,
        occurredOn,
        detailsSealed: this.vault.seal(key, c.id, SEALED.action(actionId), {
          reference: dto.reference || null,
          note: dto.note || null,
        }),
        createdAt: now,
        createdBy: actor.id,
      });
      await this.cases.touch(c.id, { updatedAt: now });
      await this.audit.record({
        action: 'case.action_recorded',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: { actionId, type: dto.type, occurredOn },
      });
    });
    return this.get(id, ability, actor);
  }

  // ------------------------------------------------------------------ closing and legal hold

  async close(
    id: string,
    dto: CloseCaseDto,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    await this.db.transaction(async () => {
      const { row: c, key } = await this.loadWritable(id, ability);
      if (!canTransition(c.status, 'avslutad'))
        throw Problem.badRequest(
          'Ärendet kan inte avslutas från sin nuvarande status.',
          'status_not_allowed',
          [{ field: 'status', messages: [c.status] }],
        );
      const blockers = closeBlockers({
        track: c.track,
        acknowledgementEnded: c.ackEndKind !== null,
        feedbackEnded: c.feedbackEndKind !== null,
      });
      if (blockers.length)
        throw new Problem(
          HttpStatus.CONFLICT,
          'close_blocked',
          'Ett visselblåsningsärende avslutas först när både bekräftelse och återkoppling är skickade eller avstådda med skäl.',
          { errors: [{ field: 'timers', messages: blockers }] },
        );
      const now = this.clock.now();
      const purgeDueOn = purgeDate(now);
      const patch: Partial<CaseEntity> = {
        status: 'avslutad',
        closedAt: now,
        closingCode: dto.closingCode,
        purgeDueOn,
        contentSealed: this.sealContent(key, c, { ...this.content(key, c), summary: dto.summary }),
        updatedAt: now,
      };
      if (!(await this.cases.updateVersioned(c.id, c.version, patch)))
        throw this.editConflict(await this.currentVersion(c.id));
      await this.audit.record({
        action: 'case.closed',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: {
          closingCode: dto.closingCode,
          status: { from: c.status, to: 'avslutad' },
          purgeDueOn,
        },
      });
    });
    return this.get(id, ability, actor);
  }

  async setLegalHold(
    id: string,
    dto: LegalHoldDto,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseDetailDto> {
    await this.db.transaction(async () => {
      const { row: c, key } = await this.loadWritable(id, ability);
      if (!dto.hold && !c.legalHold) return; // releasing a hold that is not there changes nothing
      const content = this.content(key, c);
      const patch: Partial<CaseEntity> = {
        legalHold: dto.hold,
        contentSealed: this.sealContent(key, c, {
          ...content,
          legalHoldReason: dto.hold ? dto.reason! : null,
        }),
        updatedAt: this.clock.now(),
      };
      if (!(await this.cases.updateVersioned(c.id, c.version, patch)))
        throw this.editConflict(await this.currentVersion(c.id));
      await this.audit.record({
        action: dto.hold ? 'case.legal_hold_set' : 'case.legal_hold_released',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: dto.hold ? { changedReason: c.legalHold } : {},
      });
    });
    return this.get(id, ability, actor);
  }

  // ------------------------------------------------------------------ attachments

  async addAttachment(
    id: string,
    file: Express.Multer.File | undefined,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<CaseAttachmentDto> {
    return this.db.transaction(async () => {
      const { row: c, key } = await this.loadWritable(id, ability);
      const upload = requireUpload(file);
      const info = await this.files.put(upload.content, {
        declaredName: upload.declaredName,
        allowedTypes: ATTACHMENT_KINDS,
        ownerType: 'case',
        ownerId: c.id,
        dataKey: key,
        createdBy: actor.id,
      });
      await this.cases.touch(c.id, { updatedAt: this.clock.now() });
      await this.audit.record({
        action: 'case.attachment_added',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: { fileId: info.id, mediaType: info.mediaType, size: info.size },
      });
      return attachmentDto(info);
    });
  }

  /** An attachment's content for a reader of the case; audited `case.viewed` {what: attachment}. */
  async openAttachment(
    id: string,
    fileId: string,
    ability: AppAbility,
    actor: AuthUser,
  ): Promise<{ info: StoredFileInfo; stream: Readable }> {
    return this.db.transaction(async () => {
      const c = await this.loadReadable(id, ability);
      const key = this.vault.keyOf(c);
      if (!key) throw Problem.notFound('Bilagan');
      const ids = await this.files.idsOf('case', c.id);
      if (!ids.includes(fileId)) throw Problem.notFound('Bilagan');
      const opened = await this.files.open(fileId, key);
      await this.audit.record({
        action: 'case.viewed',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: { what: 'attachment', fileId },
      });
      return opened;
    });
  }

  // ------------------------------------------------------------------ helpers

  private today(): LocalDate {
    return localDateOf(this.clock.now());
  }

  /** The case if the caller may read it; 404 otherwise (also when it does not exist). */
  private async loadReadable(id: string, ability: AppAbility): Promise<CaseWithUnit> {
    const row = await this.cases.findById(id);
    if (!row || !ability.can('read', asSubject('Case', row))) throw Problem.notFound('Ärendet');
    return row;
  }

  /** The case and its key for a write: readable (else 404), updatable (else 403), not purged. */
  private async loadWritable(id: string, ability: AppAbility): Promise<LoadedCase> {
    const row = await this.loadReadable(id, ability);
    ForbiddenError.from(ability).throwUnlessCan('update', asSubject('Case', row));
    const key = row.purgedAt ? null : this.vault.keyOf(row);
    if (!key)
      throw Problem.conflict(
        'Ärendet är gallrat: dess innehåll är förstört och det kan inte ändras.',
        'case_purged',
      );
    return { row, key };
  }

  private editConflict(currentVersion: number): Problem {
    return new Problem(
      HttpStatus.CONFLICT,
      'edit_conflict',
      `Ärendet har ändrats av någon annan (nu version ${currentVersion}). Ladda om och gör om ändringen.`,
      { currentVersion },
    );
  }

  private async currentVersion(id: string): Promise<number> {
    return (await this.cases.findById(id))?.version ?? 0;
  }

  private codes(c: Pick<CaseEntity, 'track' | 'category' | 'irregularityKind' | 'severityBand'>) {
    return {
      track: c.track,
      category: c.category,
      irregularityKind: c.irregularityKind,
      severityBand: c.severityBand,
    };
  }

  private content(key: Buffer, c: CaseEntity): CaseContent {
    const content = this.vault.open<CaseContent>(key, c.id, SEALED.content, c.contentSealed);
    return content ?? { description: '', intake: {}, welfare: null };
  }

  private sealContent(key: Buffer, c: CaseEntity, content: CaseContent): string {
    return this.vault.seal(key, c.id, SEALED.content, content);
  }

  /** Keeps the de-identified fact in step with a reclassification (through the sealed fact id). */
  private async updateFact(
    key: Buffer,
    c: CaseWithUnit,
    to: ReturnType<CasesService['codes']>,
    patch: Partial<CaseEntity>,
  ): Promise<void> {
    const content = this.content(key, c);
    const fields = { track: to.track, category: to.category, severityBand: to.severityBand };
    if (content.factId) {
      await this.inbox.updateFact(content.factId, fields);
      return;
    }
    // triaged but the fact id is missing (should not happen): write the fact now
    const factId = randomUUID();
    await this.inbox.insertFact({
      id: factId,
      ...factFields({
        ...fields,
        departmentId: departmentOf(await this.inbox.unitsOnPath(c.unitPath)),
        receivedAt: c.receivedAt,
      }),
    });
    patch.contentSealed = this.sealContent(key, c, { ...content, factId });
  }

  /** Severity on the current risk matrix: score, band and the matrix version it was read from. */
  private async severityPatch(
    input: { likelihood: number; consequence: number } | null,
  ): Promise<Partial<CaseEntity>> {
    if (input === null)
      return {
        severityLikelihood: null,
        severityConsequence: null,
        severityScore: null,
        severityBand: null,
        matrixVersion: null,
      };
    const current = await this.riskMatrix.current();
    const scored = scoreRisk(matrixOf(current), input);
    if (!scored.ok || scored.value.score === null) {
      const issue = scored.ok ? null : scored.issue;
      const field = issue && 'field' in issue ? issue.field : 'likelihood';
      throw Problem.badRequest(
        `Välj sannolikhet och konsekvens inom riskmatrisen (version ${current.version}).`,
        'validation_failed',
        [{ field: `severity.${field}`, messages: [issue?.code ?? 'assessment_incomplete'] }],
      );
    }
    return {
      severityLikelihood: scored.value.likelihood,
      severityConsequence: scored.value.consequence,
      severityScore: scored.value.score,
      severityBand: scored.value.band,
      matrixVersion: current.version,
    };
  }

  private async assertAssignable(c: CaseWithUnit, userId: string): Promise<void> {
    const handlers = await this.cases.usersWithRoleOver('handlaggare', c.unitPath, [
      c.routedAwayFrom,
    ]);
    if (!handlers.includes(userId))
      throw Problem.badRequest(
        'Ärendet kan bara tilldelas en aktiv handläggare med behörighet över enheten.',
        'validation_failed',
        [{ field: 'assigneeId', messages: ['not_a_handler_for_unit'] }],
      );
  }

  private assertStatusAllowed(from: CaseStatus, to: CaseStatus): void {
    if (to === 'avslutad' || to === 'gallrad' || !canTransition(from, to)) {
      const errors: FieldError[] = [{ field: 'status', messages: [`${from}->${to}`] }];
      throw Problem.badRequest(
        to === 'avslutad'
          ? 'Avsluta ärendet med avslutskod och sammanfattning.'
          : to === 'gallrad'
            ? 'Ärenden gallras av gallringen, inte för hand.'
            : 'Ärendet kan inte flyttas till den statusen från sin nuvarande.',
        'status_not_allowed',
        errors,
      );
    }
  }

  private async addMessage(
    c: CaseEntity,
    key: Buffer,
    kind: 'to_reporter' | 'note',
    body: string,
    actor: AuthUser,
  ): Promise<string> {
    const id = randomUUID();
    await this.inbox.insertMessage({
      id,
      caseId: c.id,
      kind,
      authorId: actor.id,
      bodySealed: this.vault.seal(key, c.id, SEALED.message(id), body),
      createdAt: this.clock.now(),
      readAt: null,
    });
    return id;
  }

  /**
   * Tells a signed-in reporter that there is a reply. Their user id exists only inside the sealed
   * identity (the case keeps just a keyed tag), so it is opened here and used for this one
   * notification. An identified reporter's notification links to the report
   * (`/mina-rapporter/<id>`, params: the case id). A CONFIDENTIAL reporter's carries no case id
   * at all — neither in params nor in the link (`/mina-rapporter`): a notification row in clear
   * that pairs their user id with a case id would reveal, to anyone reading the database, who
   * made the report that handlers may not know. Anonymous reporters get nothing (there is nobody
   * to notify; they see the reply with their receipt code).
   */
  private async notifyReporter(c: CaseEntity, key: Buffer): Promise<void> {
    if (c.confidentiality === 'anonymous') return;
    const identity = this.vault.open<SealedIdentity>(key, c.id, SEALED.identity, c.identitySealed);
    if (!identity?.userId) return;
    if (c.confidentiality === 'identified')
      await this.notifications.notify([identity.userId], {
        kind: 'report.message',
        params: { caseId: c.id },
        link: `/mina-rapporter/${c.id}`,
      });
    else
      await this.notifications.notify([identity.userId], {
        kind: 'report.message',
        link: '/mina-rapporter',
      });
  }

  private async identityStateOf(c: CaseEntity, actor: AuthUser): Promise<IdentityState> {
    if (c.confidentiality === 'identified') return 'identified';
    if (c.confidentiality === 'anonymous') return 'anonymous';
    const statuses = await this.inbox.identityRequestStatuses(c.id, actor.id);
    if (statuses.includes('approved')) return 'approved';
    if (statuses[0] === 'pending') return 'requested';
    if (statuses[0] === 'refused') return 'refused';
    return 'hidden';
  }

  private async severityOf(c: CaseEntity): Promise<CaseSeverityDto | null> {
    if (
      c.severityLikelihood === null ||
      c.severityConsequence === null ||
      c.severityScore === null ||
      c.severityBand === null ||
      c.matrixVersion === null
    )
      return null;
    const matrix = await this.riskMatrix.version(c.matrixVersion).catch(() => null);
    const label = matrix?.bands.find((b) => b.band === c.severityBand)?.label ?? c.severityBand;
    return {
      likelihood: c.severityLikelihood,
      consequence: c.severityConsequence,
      score: c.severityScore,
      band: c.severityBand,
      matrixVersion: c.matrixVersion,
      explanation: `${c.severityLikelihood} × ${c.severityConsequence} = ${c.severityScore} → ${label}`,
    };
  }

  /** The CaseDetail of a readable case (decrypting with its key; a tombstone once purged). */
  private async detail(c: CaseWithUnit, actor: AuthUser): Promise<CaseDetailDto> {
    const now = this.clock.now();
    const today = localDateOf(now);
    const assigneeName = c.assigneeId
      ? ((await this.inbox.userNames([c.assigneeId])).get(c.assigneeId) ?? null)
      : null;
    const base = {
      ...summaryOf(c, { unitName: c.unitName, assigneeName }, today),
      irregularityKind: c.irregularityKind,
      supplierId: c.supplierId,
      severity: await this.severityOf(c),
      acknowledgedAt: c.ackEndedAt?.toISOString() ?? null,
      ackEndKind: c.ackEndKind,
      ackWaiverReason: c.ackWaiverReason,
      feedbackGivenAt: c.feedbackEndedAt?.toISOString() ?? null,
      feedbackEndKind: c.feedbackEndKind,
      feedbackWaiverReason: c.feedbackWaiverReason,
      timers: timersOf(c, now),
      closedAt: c.closedAt?.toISOString() ?? null,
      closingCode: c.closingCode,
      legalHold: c.legalHold,
      purgeDueOn: c.purgeDueOn,
      purgedAt: c.purgedAt?.toISOString() ?? null,
      allowedStatuses: c.purgedAt ? [] : allowedStatusesOf(c.status),
      version: c.version,
    };
    const key = c.purgedAt ? null : this.vault.keyOf(c);
    if (!key)
      // tombstone: codes and dates only
      return {
        ...base,
        description: null,
        intake: null,
        welfare: null,
        summary: null,
        legalHoldReason: null,
        ackWaiverMotivation: null,
        feedbackWaiverMotivation: null,
        reporter: null,
        identityState: c.confidentiality === 'anonymous' ? 'anonymous' : 'hidden',
        messages: [],
        notes: [],
        actions: [],
        attachments: [],
      };
    const content = this.content(key, c);
    let reporter: CaseDetailDto['reporter'] = null;
    if (c.confidentiality === 'identified') {
      // only an identified reporter is named here; a confidential one only through /identity
      const identity = this.vault.open<SealedIdentity>(
        key,
        c.id,
        SEALED.identity,
        c.identitySealed,
      );
      if (identity)
        reporter = {
          displayName: identity.displayName,
          username: identity.username,
          email: identity.email,
          unitName: identity.unitName,
        };
    }
    const thread = await this.inbox.messagesOf(c.id, ['to_reporter', 'from_reporter', 'note']);
    const open = (m: { id: string; bodySealed: string | null }) =>
      this.vault.open<string>(key, c.id, SEALED.message(m.id), m.bodySealed) ?? '';
    const actions = await this.inbox.actionsOf(c.id);
    const attachments = await Promise.all(
      (await this.files.idsOf('case', c.id)).map(async (fid) =>
        attachmentDto(await this.files.info(fid, key)),
      ),
    );
    return {
      ...base,
      description: content.description,
      intake: content.intake ?? {},
      welfare: content.welfare ?? null,
      summary: content.summary ?? null,
      legalHoldReason: c.legalHold ? (content.legalHoldReason ?? null) : null,
      ackWaiverMotivation: content.ackWaiverMotivation ?? null,
      feedbackWaiverMotivation: content.feedbackWaiverMotivation ?? null,
      reporter,
      identityState: await this.identityStateOf(c, actor),
      messages: thread
        .filter((m) => m.kind !== 'note')
        .map((m) => ({
          id: m.id,
          from: m.kind === 'from_reporter' ? ('reporter' as const) : ('handler' as const),
          authorName: m.kind === 'from_reporter' ? null : m.authorName,
          body: open(m),
          createdAt: m.createdAt.toISOString(),
        })),
      notes: thread
        .filter((m) => m.kind === 'note')
        .map((m) => ({
          id: m.id,
          authorName: m.authorName,
          body: open(m),
          createdAt: m.createdAt.toISOString(),
        })),
      actions: actions.map((a) => {
        const d = this.vault.open<{ reference?: string | null; note?: string | null }>(
          key,
          c.id,
          SEALED.action(a.id),
          a.detailsSealed,
        );
        return {
          id: a.id,
          type: a.type,
          occurredOn: a.occurredOn,
          reference: d?.reference ?? null,
          note: d?.note ?? null,
          createdByName: a.createdByName,
          createdAt: a.createdAt.toISOString(),
        };
      }),
      attachments,
    };
  }
}

/** Why a timer event was refused, in Swedish (the code is in `errors`). */
const TIMER_ISSUE_TEXT: Record<NonNullable<ReturnType<typeof timerEventIssue>>, string> = {
  not_whistleblowing: 'Påverkansärenden har inga lagstadgade frister.',
  already_ended: 'Den fristen är redan avslutad.',
  before_receipt: 'Händelsen kan inte ligga före mottagandet.',
  acknowledgement_open: 'Bekräfta mottagandet (eller avstå med skäl) före återkopplingen.',
  before_acknowledgement: 'Återkopplingen kan inte ligga före bekräftelsen.',
  waiver_reason_required: 'Ange skäl för att avstå.',
};

function attachmentDto(info: StoredFileInfo): CaseAttachmentDto {
  return {
    id: info.id,
    name: info.displayName,
    mediaType: info.mediaType,
    size: info.size,
    createdAt: info.createdAt.toISOString(),
  };
}

/** The domain matrix from the API's view of the current version (cells by level). */
function matrixOf(dto: RiskMatrixDto): RiskMatrix {
  const cells = dto.likelihood.map((l) =>
    dto.consequence.map(
      (c) => dto.cells.find((x) => x.likelihood === l.level && x.consequence === c.level)!.band,
    ),
  );
  return {
    likelihood: dto.likelihood,
    consequence: dto.consequence,
    bands: RISK_BANDS.map((b) => dto.bands.find((d) => d.band === b)!),
    cells,
    maxConsequenceFloor: dto.maxConsequenceFloor,
  };
}
