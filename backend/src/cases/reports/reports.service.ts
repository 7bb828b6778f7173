import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { Db } from '../../core/database/db';
import { type FieldError, Problem } from '../../core/errors/problem';
import { localDateOf } from '../../core/domain/local-date';
import { FileStore, StoredFileInfo } from '../../core/files/file-store';
import { ATTACHMENT_KINDS } from '../../core/files/file-kinds';
import { requireUpload } from '../../core/files/upload.interceptor';
import { NotificationService } from '../../core/notify/notification.service';
import { CaseContent, SEALED, SealedIdentity } from '../case-content';
import { deadlineColumns } from '../case-timers';
import { CaseVault } from '../case-vault';
import { CasesRepository } from '../cases.repository';
import { generateReceiptCode, parseReceiptCode, type ReceiptCode } from '../domain/receipt-code';
import { classificationIssues, type Confidentiality } from '../domain/taxonomy';
import { CaseMessageEntity } from '../entities/case-message.entity';
import { CaseEntity } from '../entities/case.entity';
import {
  AttachmentInfoDto,
  CreatedReportDto,
  CreateReportDto,
  HandlerOptionDto,
  IntakeInfoDto,
  MyReportsDto,
  MyReportViewDto,
  PublicReportDto,
  ReceiptDto,
  ReporterMessageDto,
  ReporterReportViewDto,
} from './dto/report.dto';
import { receiptSessionEnded } from './receipt-sessions';
import { ReportsRepository } from './reports.repository';

/** Attachments a reporter may add to one report (a brake on filling the disk anonymously). */
export const MAX_REPORTER_ATTACHMENTS = 20;

/** How a reporter acts on their case: signed in (by reporter tag) or with a receipt code. */
type Via = 'reporter' | 'receipt';

/** A file as the reporter may see it: theirs (uploaded by a reporter, so without a user id). */
type Attachment = StoredFileInfo;

/**
 * Intake: reports from signed-in staff (identified or confidential) and from anonymous people
 * (receipt code), and the reporter's side of the case afterwards — status, deadlines, the
 * message thread and attachments.
 *
 * What protects the reporter:
 * - everything they write is sealed under the case's own key; their user id is stored only as
 *   an HMAC (`reporterTag`), the receipt code only as an HMAC (`receiptHash`), and their identity
 *   only sealed (`identitySealed`);
 * - a reporter's case is loaded only by that tag or hash (in SQL), so anyone else gets 404;
 * - audit entries about a reporter's actions carry no actor (the audit log is read by
 *   administrators and auditors, who must not learn who reported a case) — `via` says how;
 * - their messages and files carry no user id (`authorId`/`createdBy` null), for the same reason.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly files: FileStore,
    private readonly vault: CaseVault,
    private readonly cases: CasesRepository,
    private readonly repo: ReportsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- what the form offers ----

  async intakeInfo(): Promise<IntakeInfoDto> {
    const units = await this.repo.activeUnits();
    const active = new Set(units.map((u) => u.id));
    return {
      // a unit under an inactive parent is inactive too; the check keeps the tree whole anyway
      units: units
        .filter((u) => u.parentId === null || active.has(u.parentId))
        .map((u) => ({ id: u.id, name: u.name, parentId: u.parentId, depth: u.depth })),
      securityContact: { ...this.config.reporting.securityContact },
    };
  }

  /** Handlers whose scope covers the unit: whom a report may say it concerns. */
  async handlersOver(unitId: string): Promise<HandlerOptionDto[]> {
    const unit = await this.repo.findUnit(unitId);
    if (!unit || !unit.active) throw Problem.notFound('Enheten');
    return this.repo.displayNames(await this.cases.usersWithRoleOver('handlaggare', unit.path));
  }

  // ---- submitting ----

  async submitSignedIn(dto: CreateReportDto, user: AuthUser): Promise<CreatedReportDto> {
    const { unit, handlers } = await this.validate(dto, dto.concernsHandlerId ?? null);
    const reporter = await this.repo.findUser(user.id);
    if (!reporter) throw Problem.notFound('Användaren');
    const reporterUnit = await this.repo.findUnit(reporter.unitId);
    const identity: SealedIdentity = {
      userId: reporter.id,
      displayName: reporter.displayName,
      username: reporter.username,
      email: reporter.email,
      unitName: reporterUnit?.name ?? null,
    };
    return this.db.transaction(async () => {
      const c = await this.newCase(dto, dto.confidentiality, unit.id, {
        routedAwayFrom: dto.concernsHandlerId ?? null,
        reporterTag: await this.vault.reporterTag(user.id),
        receiptHash: null,
        identity,
      });
      await this.announce(c, handlers, 'reporter');
      return { id: c.id, reference: c.reference };
    });
  }

  async submitAnonymous(dto: PublicReportDto): Promise<ReceiptDto> {
    const { unit, handlers } = await this.validate(dto, null);
    return this.db.transaction(async () => {
      let code: ReceiptCode;
      let receiptHash: string;
      do {
        code = generateReceiptCode();
        receiptHash = await this.vault.receiptHash(code);
      } while (await this.repo.receiptHashTaken(receiptHash));
      const c = await this.newCase(dto, 'anonymous', unit.id, {
        routedAwayFrom: null,
        reporterTag: null,
        receiptHash,
        identity: null,
      });
      await this.announce(c, handlers, 'receipt');
      return { receiptCode: code };
    });
  }

  /**
   * The checks every report passes before anything is written: classification (400
   * invalid_classification), the unit (exists, active), the welfare branch, and the handler the
   * report concerns (one of the unit's handlers, and not the only one).
   */
  private async validate(
    dto: PublicReportDto,
    concernsHandlerId: string | null,
  ): Promise<{ unit: { id: string; path: string }; handlers: string[] }> {
    const classification: FieldError[] = classificationIssues({
      category: dto.category,
      irregularityKind: dto.irregularityKind ?? null,
    }).map((issue) => ({ field: 'irregularityKind', messages: [issue] }));
    if (dto.welfare && dto.category !== 'valfardsbrott')
      classification.push({ field: 'welfare', messages: ['welfare_not_allowed'] });
    if (classification.length) {
      throw Problem.badRequest(
        dto.category === 'valfardsbrott'
          ? 'Ange vilket slags oegentlighet det gäller.'
          : 'Uppgifterna om välfärdsbrott hör bara till kategorin välfärdsbrott.',
        'invalid_classification',
        classification,
      );
    }
    const errors: FieldError[] = [];
    const w = dto.welfare;
    if (w?.periodFrom && w.periodTo && w.periodFrom > w.periodTo)
      errors.push({ field: 'welfare.periodTo', messages: ['before_period_from'] });
    if (w?.supplierId && !(await this.repo.supplierExists(w.supplierId)))
      errors.push({ field: 'welfare.supplierId', messages: ['unknown_supplier'] });
    const unit = await this.repo.findUnit(dto.unitId);
    if (!unit || !unit.active) errors.push({ field: 'unitId', messages: ['unknown_unit'] });
    const handlers = unit ? await this.cases.usersWithRoleOver('handlaggare', unit.path) : [];
    if (unit && concernsHandlerId) {
      if (!handlers.includes(concernsHandlerId))
        errors.push({ field: 'concernsHandlerId', messages: ['not_a_handler_of_unit'] });
      else if (handlers.length < 2)
        errors.push({ field: 'concernsHandlerId', messages: ['no_other_handler'] });
    }
    if (errors.length || !unit)
      throw Problem.badRequest('Rapporten kunde inte tas emot.', 'validation_failed', errors);
    return { unit: { id: unit.id, path: unit.path }, handlers };
  }

  /** Writes the case: new key, reference, sealed content and identity, deadlines. */
  private async newCase(
    dto: PublicReportDto,
    confidentiality: Confidentiality,
    unitId: string,
    who: {
      routedAwayFrom: string | null;
      reporterTag: string | null;
      receiptHash: string | null;
      identity: SealedIdentity | null;
    },
  ): Promise<CaseEntity> {
    const now = this.clock.now();
    const id = randomUUID();
    const { key, wrapped } = this.vault.newCaseKey();
    // the year of receipt in Swedish time (a report at 00:30 on 1 January belongs to the new year)
    const { year, seqNo, reference } = await this.cases.nextReference(
      Number(localDateOf(now).slice(0, 4)),
    );
    const content: CaseContent = {
      description: dto.description,
      intake: { ...(dto.intake ?? {}) },
      welfare: dto.category === 'valfardsbrott' ? { ...(dto.welfare ?? {}) } : null,
    };
    const timerFacts = {
      track: dto.track,
      receivedAt: now,
      ackEndedAt: null,
      ackEndKind: null,
      ackWaiverReason: null,
      feedbackEndedAt: null,
      feedbackEndKind: null,
    };
    const row: CaseEntity = {
      id,
      reference,
      year,
      seqNo,
      category: dto.category,
      irregularityKind: dto.irregularityKind ?? null,
      confidentiality,
      status: 'registrerad',
      unitId,
      assigneeId: null,
      routedAwayFrom: who.routedAwayFrom,
      reporterTag: who.reporterTag,
      receiptHash: who.receiptHash,
      ...timerFacts,
      ...deadlineColumns(timerFacts),
      feedbackWaiverReason: null,
      ackReminderAt: null,
      ackEscalatedAt: null,
      feedbackReminderAt: null,
      feedbackEscalatedAt: null,
      severityLikelihood: null,
      severityConsequence: null,
      severityScore: null,
      severityBand: null,
      matrixVersion: null,
      triagedAt: null,
      supplierId: null,
      closedAt: null,
      closingCode: null,
      legalHold: false,
      purgeDueOn: null,
      purgedAt: null,
      wrappedKey: wrapped,
      contentSealed: this.vault.seal(key, id, SEALED.content, content),
      identitySealed: who.identity ? this.vault.seal(key, id, SEALED.identity, who.identity) : null,
      lastReporterActivityAt: now,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.cases.insert(row);
    return row;
  }

  /** Audit entry and the handlers' notification of a new case (not the routed-away handler). */
  private async announce(c: CaseEntity, handlers: string[], via: Via): Promise<void> {
    await this.audit.record({
      action: 'report.submitted',
      actor: null,
      objectType: 'Case',
      objectId: c.id,
      details: {
        caseId: c.id,
        track: c.track,
        category: c.category,
        confidentiality: c.confidentiality,
        via,
      },
    });
    const recipients = handlers.filter((id) => id !== c.routedAwayFrom);
    await this.notifications.notify(recipients, {
      kind: 'case.new',
      params: { caseId: c.id, reference: c.reference, track: c.track },
      link: `/arenden/${c.id}`,
    });
  }

  // ---- "Mina rapporter" ----

  async listMine(user: AuthUser): Promise<MyReportsDto> {
    const rows = await this.repo.listMine(await this.vault.reporterTag(user.id));
    return {
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        track: r.track,
        category: r.category,
        status: r.status,
        receivedAt: r.receivedAt.toISOString(),
        acknowledgementDueAt: r.acknowledgementDueOn,
        feedbackDueAt: r.feedbackDueOn,
        unreadMessages: r.unreadMessages,
      })),
    };
  }

  async getMine(id: string, user: AuthUser): Promise<MyReportViewDto> {
    return this.db.transaction(async () => {
      const c = await this.mine(id, user);
      const view = await this.view(c);
      const disclosures = await this.repo.identityDisclosures(c.id);
      return {
        id: c.id,
        ...view,
        identityDisclosures: disclosures.map((d) => ({ to: d.to, at: d.at.toISOString() })),
      };
    });
  }

  async addMyMessage(id: string, body: string, user: AuthUser): Promise<ReporterMessageDto> {
    return this.db.transaction(async () => {
      const c = await this.mine(id, user);
      return this.addMessage(c, body, 'reporter');
    });
  }

  async addMyAttachment(
    id: string,
    file: Express.Multer.File | undefined,
    user: AuthUser,
  ): Promise<AttachmentInfoDto> {
    return this.db.transaction(async () => {
      const c = await this.mine(id, user);
      return this.addAttachment(c, file, 'reporter');
    });
  }

  async openMyAttachment(
    id: string,
    fileId: string,
    user: AuthUser,
  ): Promise<{ info: AttachmentInfoDto; stream: Readable }> {
    return this.db.transaction(async () => {
      const c = await this.mine(id, user);
      const key = this.keyOf(c);
      const own = (await this.attachments(c, key)).find((f) => f.id === fileId);
      if (!own) throw Problem.notFound('Bilagan');
      const opened = await this.files.open(own.id, key);
      await this.audit.record({
        action: 'case.viewed',
        actor: null,
        objectType: 'Case',
        objectId: c.id,
        details: { what: 'attachment', fileId: own.id, via: 'reporter' },
      });
      return { info: this.attachmentInfo(opened.info), stream: opened.stream };
    });
  }

  /** The signed-in reporter's own case; 404 for anyone else's (filtered in SQL by the tag). */
  private async mine(id: string, user: AuthUser): Promise<CaseEntity> {
    const c = await this.repo.findMine(id, await this.vault.reporterTag(user.id));
    if (!c) throw Problem.notFound('Rapporten');
    return c;
  }

  // ---- the receipt holder ----

  /**
   * The case a receipt code opens. Any failure — format, check digit, unknown or purged — is the
   * same 401 (and the same audit entry), so the answer tells a guesser nothing.
   */
  async caseOfReceiptCode(input: string): Promise<CaseEntity> {
    const parsed = parseReceiptCode(input);
    const c = parsed.ok
      ? await this.repo.findByReceiptHash(await this.vault.receiptHash(parsed.code))
      : null;
    if (!c) {
      await this.audit.record({
        action: 'receipt.session_failed',
        actor: null,
        outcome: 'failure',
        details: { via: 'receipt' },
      });
      throw new Problem(
        HttpStatus.UNAUTHORIZED,
        'invalid_receipt_code',
        'Koden stämmer inte. Kontrollera siffrorna och försök igen.',
      );
    }
    return c;
  }

  /** Records the opening of a receipt session (inside the caller's transaction). */
  async receiptSessionOpened(c: CaseEntity): Promise<void> {
    await this.cases.cases.update({ id: c.id }, { lastReporterActivityAt: this.clock.now() });
    await this.audit.record({
      action: 'receipt.session_opened',
      actor: null,
      objectType: 'Case',
      objectId: c.id,
      details: { via: 'receipt' },
    });
  }

  async getByReceipt(caseId: string): Promise<ReporterReportViewDto> {
    return this.db.transaction(async () => this.view(await this.receiptCase(caseId)));
  }

  async addReceiptMessage(caseId: string, body: string): Promise<ReporterMessageDto> {
    return this.db.transaction(async () =>
      this.addMessage(await this.receiptCase(caseId), body, 'receipt'),
    );
  }

  async addReceiptAttachment(
    caseId: string,
    file: Express.Multer.File | undefined,
  ): Promise<AttachmentInfoDto> {
    return this.db.transaction(async () =>
      this.addAttachment(await this.receiptCase(caseId), file, 'receipt'),
    );
  }

  private async receiptCase(caseId: string): Promise<CaseEntity> {
    const c = await this.repo.findCase(caseId);
    if (!c || !c.receiptHash || c.purgedAt) throw receiptSessionEnded();
    return c;
  }

  // ---- shared by both kinds of reporter ----

  /** The reporter's view; reading it marks the handler's messages as read. */
  private async view(c: CaseEntity): Promise<ReporterReportViewDto> {
    const key = this.vault.keyOf(c);
    const base = {
      reference: c.reference,
      track: c.track,
      category: c.category,
      status: c.status,
      receivedAt: c.receivedAt.toISOString(),
      acknowledgementDueAt: c.acknowledgementDueOn,
      feedbackDueAt: c.feedbackDueOn,
      acknowledgedAt: c.ackEndKind === 'sent' && c.ackEndedAt ? c.ackEndedAt.toISOString() : null,
      feedbackGivenAt:
        c.feedbackEndKind === 'sent' && c.feedbackEndedAt ? c.feedbackEndedAt.toISOString() : null,
      closedAt: c.closedAt?.toISOString() ?? null,
    };
    if (!key) return { ...base, description: null, messages: [], attachments: [] };
    await this.repo.markHandlerMessagesRead(c.id, this.clock.now());
    const content = this.vault.open<CaseContent>(key, c.id, SEALED.content, c.contentSealed);
    const thread = await this.repo.reporterThread(c.id);
    return {
      ...base,
      description: content?.description ?? null,
      messages: thread.map((m) => this.message(m, key)),
      attachments: (await this.attachments(c, key)).map((f) => this.attachmentInfo(f)),
    };
  }

  private async addMessage(c: CaseEntity, body: string, via: Via): Promise<ReporterMessageDto> {
    const key = this.keyOf(c);
    const now = this.clock.now();
    const m: CaseMessageEntity = {
      id: randomUUID(),
      caseId: c.id,
      kind: 'from_reporter',
      authorId: null,
      bodySealed: null,
      createdAt: now,
      readAt: null,
    };
    m.bodySealed = this.vault.seal(key, c.id, SEALED.message(m.id), body);
    await this.repo.insertMessage(m);
    await this.cases.touch(c.id, { lastReporterActivityAt: now, updatedAt: now });
    await this.audit.record({
      action: 'report.message_added',
      actor: null,
      objectType: 'Case',
      objectId: c.id,
      details: { messageId: m.id, via },
    });
    await this.notifyHandlers(c);
    return this.message(m, key);
  }

  private async addAttachment(
    c: CaseEntity,
    file: Express.Multer.File | undefined,
    via: Via,
  ): Promise<AttachmentInfoDto> {
    const key = this.keyOf(c);
    const upload = requireUpload(file);
    if ((await this.attachments(c, key)).length >= MAX_REPORTER_ATTACHMENTS) {
      throw Problem.conflict(
        `En rapport kan ha högst ${MAX_REPORTER_ATTACHMENTS} bilagor från den som rapporterat.`,
      );
    }
    const info = await this.files.put(upload.content, {
      declaredName: upload.declaredName,
      allowedTypes: ATTACHMENT_KINDS,
      ownerType: 'case',
      ownerId: c.id,
      dataKey: key,
      // never the reporter's user id: a confidential reporter is not named in clear anywhere
      createdBy: null,
    });
    const now = this.clock.now();
    await this.cases.touch(c.id, { lastReporterActivityAt: now, updatedAt: now });
    await this.audit.record({
      action: 'report.attachment_added',
      actor: null,
      objectType: 'Case',
      objectId: c.id,
      details: { fileId: info.id, mediaType: info.mediaType, size: info.size, via },
    });
    await this.notifyHandlers(c);
    return this.attachmentInfo(info);
  }

  /** `case.reporter_message` to the assignee, or to the scope's handlers when unassigned. */
  private async notifyHandlers(c: CaseEntity): Promise<void> {
    let recipients: string[];
    if (c.assigneeId && c.assigneeId !== c.routedAwayFrom) {
      recipients = [c.assigneeId];
    } else {
      const unit = await this.repo.findUnit(c.unitId);
      recipients = unit
        ? await this.cases.usersWithRoleOver('handlaggare', unit.path, [c.routedAwayFrom])
        : [];
    }
    await this.notifications.notify(recipients, {
      kind: 'case.reporter_message',
      params: { caseId: c.id, reference: c.reference },
      link: `/arenden/${c.id}`,
    });
  }

  /** The case's files a reporter added (stored without a user id), oldest first. */
  private async attachments(c: CaseEntity, key: Buffer): Promise<Attachment[]> {
    const out: Attachment[] = [];
    for (const id of await this.files.idsOf('case', c.id)) {
      const info = await this.files.info(id, key);
      if (info.createdBy === null) out.push(info);
    }
    return out;
  }

  private keyOf(c: CaseEntity): Buffer {
    const key = this.vault.keyOf(c);
    if (!key)
      throw new Problem(HttpStatus.CONFLICT, 'case_purged', 'Rapportens innehåll har gallrats.');
    return key;
  }

  private message(m: CaseMessageEntity, key: Buffer): ReporterMessageDto {
    return {
      id: m.id,
      from: m.kind === 'from_reporter' ? 'reporter' : 'handler',
      body: this.vault.open<string>(key, m.caseId, SEALED.message(m.id), m.bodySealed) ?? '',
      createdAt: m.createdAt.toISOString(),
    };
  }

  private attachmentInfo(f: StoredFileInfo): AttachmentInfoDto {
    return {
      id: f.id,
      name: f.displayName,
      mediaType: f.mediaType,
      size: f.size,
      createdAt: f.createdAt.toISOString(),
    };
  }
}
