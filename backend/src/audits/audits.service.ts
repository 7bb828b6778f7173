import { ForbiddenError } from '@casl/ability';
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import { asSubject, type Action, type AppAbility } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import { scopeOf, type AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { Db } from '../core/database/db';
import { insertChunks } from '../core/database/sql';
import { localDateOf, parseLocalDate } from '../core/domain/local-date';
import { Problem } from '../core/errors/problem';
import { FileStore } from '../core/files/file-store';
import type { FollowUpClass } from '../contracts/domain/contract-classes';
import { newAudit } from './audit-factory';
import {
  AUDIT_COLUMNS,
  AuditsRepository,
  type AnswerRow,
  type AuditRow,
} from './audits.repository';
import { ChecklistsService, templateOf } from './checklists.service';
import {
  auditCompleteness,
  deviationsWithoutFinding,
  isAuditAnswer,
  type AuditAnswer,
} from './domain/audit-answers';
import { checklistItems, type ChecklistTemplate } from './domain/checklist-template';
import {
  AuditAnswerDto,
  AuditDetailDto,
  AuditKind,
  ContractAuditPageDto,
  AuditStatus,
  AuditSummaryDto,
  CreateAuditDto,
  ListAuditsQuery,
  SaveAnswerDto,
  SignOffRole,
} from './dto/audit.dto';
import { AuditSignOffEntity } from './entities/audit-sign-off.entity';

/** What guards an audit's sub-resources (findings, evidence, report): see `access`. */
export interface AuditAccess {
  id: string;
  contractId: string;
  unitId: string;
  unitPath: string;
  status: AuditStatus;
  templateId: string;
}

/** The sign-offs an audit needs: class A contracts also a chef over the contract's unit. */
export function requiredSignOffs(followUpClass: string): SignOffRole[] {
  return followUpClass === 'A' ? ['avtalscontroller', 'chef'] : ['avtalscontroller'];
}

@Injectable()
export class AuditsService {
  constructor(
    private readonly repo: AuditsRepository,
    private readonly checklists: ChecklistsService,
    private readonly audit: AuditService,
    private readonly files: FileStore,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- reading

  async list(query: ListAuditsQuery, ability: AppAbility): Promise<ContractAuditPageDto> {
    const limit = query.limit ?? 25;
    let unitPath: string | undefined;
    if (query.unitId) {
      const path = await this.repo.unitPath(query.unitId);
      if (!path)
        throw Problem.badRequest('Enheten finns inte.', 'validation_failed', [
          { field: 'unitId', messages: ['unknown_unit'] },
        ]);
      unitPath = path;
    }
    const rows = await this.repo.listAudits({
      access: accessibleWhere(ability, 'read', 'ContractAudit', AUDIT_COLUMNS),
      contractId: query.contractId,
      status: query.status,
      unitPath,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.summary(r)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  /** The audits of a contract the caller may read, newest first (at most 200). */
  async summaries(ability: AppAbility, f: { contractId: string }): Promise<AuditSummaryDto[]> {
    const rows = await this.repo.listAudits({
      access: accessibleWhere(ability, 'read', 'ContractAudit', AUDIT_COLUMNS),
      contractId: f.contractId,
      limit: 200,
    });
    return rows.map((r) => this.summary(r));
  }

  async get(id: string, user: AuthUser, ability: AppAbility): Promise<AuditDetailDto> {
    return this.detail(await this.load(id, ability, 'read'), user, ability);
  }

  /**
   * The audit if the caller may read it (404 otherwise) and do `action` on it as a ContractAudit
   * (403 otherwise). For the findings, evidence and report routes of the same module folder.
   */
  async access(ability: AppAbility, action: Action, auditId: string): Promise<AuditAccess> {
    const a = await this.load(auditId, ability, action);
    return {
      id: a.id,
      contractId: a.contractId,
      unitId: a.unitId,
      unitPath: a.unitPath,
      status: a.status as AuditStatus,
      templateId: a.templateId,
    };
  }

  /** A malformed item id: the item does not exist. */
  unknownItem(): never {
    throw Problem.notFound('Punkten');
  }

  /** Throws 409 `audit_signed` when the audit's content may no longer change. */
  assertWritable(a: { status: string }): void {
    if (a.status !== 'pagaende')
      throw new Problem(
        HttpStatus.CONFLICT,
        'audit_signed',
        'Granskningen är signerad och kan inte längre ändras.',
      );
  }

  // ---------------------------------------------------------------- writing

  async create(dto: CreateAuditDto, actor: AuthUser, ability: AppAbility): Promise<AuditDetailDto> {
    const id = await this.db.transaction(async () => {
      const contract = await this.repo.contractOf(dto.contractId);
      const contractSubject =
        contract &&
        asSubject('Contract', {
          id: contract.id,
          unitId: contract.unitId,
          unitPath: contract.unitPath,
        });
      if (!contract)
        throw Problem.badRequest('Avtalet finns inte.', 'validation_failed', [
          { field: 'contractId', messages: ['unknown_contract'] },
        ]);
      // a contract the caller may not read is hidden like any other row
      if (!contractSubject || !ability.can('read', contractSubject))
        throw Problem.notFound('Avtalet');
      ForbiddenError.from(ability)
        .setMessage('Du får inte granska avtal för den enheten.')
        .throwUnlessCan(
          'create',
          asSubject('ContractAudit', {
            id: '',
            contractId: contract.id,
            unitId: contract.unitId,
            unitPath: contract.unitPath,
          }),
        );
      const checklist = await this.checklists.load(dto.checklistId);
      if (!checklist)
        throw Problem.badRequest('Checklistan finns inte.', 'validation_failed', [
          { field: 'checklistId', messages: ['unknown_checklist'] },
        ]);
      if (!(await this.checklists.isCurrent(checklist.entity)))
        throw Problem.badRequest(
          'Det finns en nyare version av checklistan: starta med den.',
          'validation_failed',
          [{ field: 'checklistId', messages: ['checklist_not_current'] }],
        );
      const { audit, answers } = newAudit(
        {
          contractId: contract.id,
          templateId: checklist.entity.id,
          kind: dto.kind ?? 'planerad',
          startedBy: actor.id,
        },
        checklist.template,
        this.clock.now(),
      );
      await this.repo.audits.insert(audit);
      for (const chunk of insertChunks(answers, 9)) await this.repo.answers.insert(chunk);
      await this.audit.record({
        action: 'contract_audit.started',
        actor,
        objectType: 'ContractAudit',
        objectId: audit.id,
        details: {
          contractId: contract.id,
          unitId: contract.unitId,
          templateId: checklist.entity.id,
          templateVersion: checklist.entity.version,
          kind: audit.kind,
        },
      });
      return audit.id;
    });
    return this.get(id, actor, ability);
  }

  /**
   * Saves one answer if the caller's `version` is still the stored one: a conditional UPDATE,
   * so of two controllers saving the same item from the same version exactly one wins; the
   * other gets 409 `edit_conflict` with the stored value and theirs, and nothing is overwritten.
   */
  async saveAnswer(
    id: string,
    itemId: string,
    dto: SaveAnswerDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<AuditAnswerDto> {
    const today = localDateOf(this.clock.now());
    const checkedOn = dto.checkedOn ?? null;
    if (checkedOn !== null) {
      const d = parseLocalDate(checkedOn);
      if (!d || d > today)
        throw Problem.badRequest('Kontrolldatumet är inte giltigt.', 'validation_failed', [
          { field: 'checkedOn', messages: [d ? 'date_in_future' : 'invalid_date'] },
        ]);
    }
    await this.db.transaction(async () => {
      await this.repo.lockAudit(id, 'share');
      const a = await this.load(id, ability, 'update');
      this.assertWritable(a);
      const stored = await this.repo.answerOf(id, itemId);
      if (!stored) throw Problem.notFound('Punkten');
      const saved = await this.repo.updateAnswerIfVersion(id, itemId, dto.version, {
        answer: dto.answer,
        note: dto.note,
        checkedOn,
        updatedAt: this.clock.now(),
        updatedBy: actor.id,
      });
      if (!saved) {
        const now = await this.repo.findAudit(id);
        if (now) this.assertWritable(now);
        const current = (await this.repo.answerOf(id, itemId)) ?? stored;
        throw new Problem(
          HttpStatus.CONFLICT,
          'edit_conflict',
          'Någon annan har sparat den här punkten sedan du öppnade den. Jämför och spara igen.',
          {
            currentVersion: current.version,
            current: {
              answer: current.answer,
              note: current.note,
              checkedOn: current.checkedOn,
              version: current.version,
              updatedBy: current.updatedBy
                ? { id: current.updatedBy, name: current.updatedByName ?? '' }
                : null,
              updatedAt: current.updatedAt.toISOString(),
            },
            yours: { answer: dto.answer, note: dto.note, checkedOn },
          },
        );
      }
      await this.audit.record({
        action: 'contract_audit.answer_saved',
        actor,
        objectType: 'ContractAudit',
        objectId: id,
        details: {
          itemId,
          answer: dto.answer,
          noted: dto.note.trim() !== '',
          checkedOn,
          version: dto.version + 1,
        },
      });
    });
    const row = await this.repo.answerOf(id, itemId);
    const files = await this.attachmentsOf(id);
    return this.answerDto(itemId, row, files.get(itemId) ?? []);
  }

  /**
   * Signs the audit: as controller when the caller audits the contract's unit, else as chef over
   * it (subject AuditSignOff). Requires every item answered and a finding for every deviation;
   * once every required role has signed the audit is `signerad` and read-only.
   */
  async signOff(id: string, actor: AuthUser, ability: AppAbility): Promise<AuditDetailDto> {
    await this.db.transaction(async () => {
      await this.repo.lockAudit(id, 'update');
      const a = await this.load(id, ability, 'read');
      const required = requiredSignOffs(a.followUpClass);
      const signed = await this.repo.signOffsOf(id);
      const role = this.signOffRole(a, actor, ability, required, signed);
      if (a.status === 'signerad')
        throw new Problem(
          HttpStatus.CONFLICT,
          'audit_signed',
          'Granskningen är redan signerad av alla som behövs.',
        );
      const template = await this.templateFor(a);
      const answers = await this.repo.answersOf(id);
      const byItem = answerMap(answers);
      const completeness = auditCompleteness(template, byItem);
      if (!completeness.complete)
        throw new Problem(
          HttpStatus.CONFLICT,
          'audit_incomplete',
          `${completeness.missing.length} av ${completeness.total} punkter saknar svar.`,
          { missing: completeness.missing },
        );
      const without = deviationsWithoutFinding(
        template,
        byItem,
        await this.repo.findingItemIds(id),
      );
      if (without.length)
        throw new Problem(
          HttpStatus.CONFLICT,
          'deviation_without_finding',
          'Varje avvikelse ska ha en registrerad brist innan granskningen signeras.',
          { itemIds: without },
        );
      const now = this.clock.now();
      const row: AuditSignOffEntity = {
        id: randomUUID(),
        auditId: id,
        role,
        userId: actor.id,
        signedAt: now,
      };
      await this.repo.signOffs.insert(row);
      const roles = new Set([...signed.map((s) => s.role), role]);
      const done = required.every((r) => roles.has(r));
      const status: AuditStatus = done ? 'signerad' : 'klar';
      const ok = await this.repo.updateAuditIfVersion(id, a.version, {
        status,
        completedOn: done ? localDateOf(now) : null,
        signedAt: done ? now : null,
        updatedAt: now,
      });
      if (!ok) throw Problem.conflict('Granskningen ändrades samtidigt. Försök igen.');
      await this.audit.record({
        action: 'contract_audit.signed_off',
        actor,
        objectType: 'ContractAudit',
        objectId: id,
        details: { role, status, contractId: a.contractId },
      });
    });
    return this.get(id, actor, ability);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The role the caller signs in: controller if they audit the contract's unit and the
   * controller has not signed, else chef over the unit if a chef is required and has not signed.
   * One person signs once. 403 when the caller may not sign at all; 409 when their role is done.
   */
  private signOffRole(
    a: AuditRow,
    actor: AuthUser,
    ability: AppAbility,
    required: SignOffRole[],
    signed: ReadonlyArray<{ role: string; userId: string }>,
  ): SignOffRole {
    const may = ability.can('create', asSubject('AuditSignOff', { unitPath: a.unitPath }));
    const holds = (role: 'avtalscontroller' | 'chef') =>
      may && scopeOf(actor, role).some((p) => a.unitPath.startsWith(p));
    const candidates = required.filter((r) => holds(r));
    if (!candidates.length)
      throw Problem.forbidden(
        a.followUpClass === 'A'
          ? 'Granskningen signeras av en avtalscontroller och en chef över avtalets enhet.'
          : 'Granskningen signeras av en avtalscontroller för avtalets enhet.',
      );
    const alreadyMine = signed.some((s) => s.userId === actor.id);
    const open = candidates.filter((r) => !signed.some((s) => s.role === r));
    if (alreadyMine || !open.length)
      throw new Problem(
        HttpStatus.CONFLICT,
        'already_signed',
        alreadyMine
          ? 'Du har redan signerat granskningen.'
          : 'Granskningen är redan signerad i din roll.',
      );
    return open[0];
  }

  /** The audit if readable (404) and `action` allowed as ContractAudit (403). */
  private async load(id: string, ability: AppAbility, action: Action): Promise<AuditRow> {
    const a = await this.repo.findAudit(id);
    const subject =
      a &&
      asSubject('ContractAudit', {
        id: a.id,
        contractId: a.contractId,
        unitId: a.unitId,
        unitPath: a.unitPath,
      });
    if (!a || !subject || !ability.can('read', subject)) throw Problem.notFound('Granskningen');
    ForbiddenError.from(ability).throwUnlessCan(action, subject);
    return a;
  }

  private async templateFor(a: AuditRow): Promise<ChecklistTemplate> {
    const c = await this.checklists.load(a.templateId);
    if (!c) throw new Error(`audit ${a.id}: template ${a.templateId} is missing`);
    return c.template;
  }

  private async attachmentsOf(
    auditId: string,
  ): Promise<Map<string, AuditAnswerDto['attachments']>> {
    const rows = await this.repo.answerFilesOf(auditId);
    const infos = await Promise.all(rows.map((r) => this.files.info(r.fileId)));
    const byItem = new Map<string, AuditAnswerDto['attachments']>();
    rows.forEach((r, i) => {
      const info = infos[i];
      const list = byItem.get(r.itemId) ?? [];
      list.push({
        id: info.id,
        fileName: info.displayName,
        contentType: info.mediaType,
        size: info.size,
      });
      byItem.set(r.itemId, list);
    });
    return byItem;
  }

  private answerDto(
    itemId: string,
    row: AnswerRow | null | undefined,
    attachments: AuditAnswerDto['attachments'],
  ): AuditAnswerDto {
    return {
      itemId,
      answer: row && isAuditAnswer(row.answer) ? row.answer : null,
      note: row?.note ?? '',
      checkedOn: row?.checkedOn ?? null,
      version: row?.version ?? 0,
      updatedAt: row && row.version > 0 ? row.updatedAt.toISOString() : null,
      updatedBy:
        row?.updatedBy && row.version > 0
          ? { id: row.updatedBy, name: row.updatedByName ?? '' }
          : null,
      attachments,
    };
  }

  private summary(r: AuditRow): AuditSummaryDto {
    return {
      id: r.id,
      contractId: r.contractId,
      contractTitle: r.contractTitle,
      diarienummer: r.diarienummer,
      supplierName: r.supplierName,
      unitId: r.unitId,
      unitName: r.unitName,
      followUpClass: r.followUpClass as FollowUpClass,
      checklist: { id: r.templateId, title: r.templateTitle, version: r.templateVersion },
      kind: r.kind as AuditKind,
      status: r.status as AuditStatus,
      startedAt: r.startedAt.toISOString(),
      startedBy: r.startedBy,
      answered: r.answered,
      total: r.templateItemCount,
      deviations: r.deviations,
      openFindings: r.openFindings,
      completedOn: r.completedOn,
    };
  }

  private async detail(a: AuditRow, user: AuthUser, ability: AppAbility): Promise<AuditDetailDto> {
    const checklist = await this.checklists.load(a.templateId);
    if (!checklist) throw new Error(`audit ${a.id}: template ${a.templateId} is missing`);
    const [answers, signOffs, findingItems, files, influence, checklistDto] = await Promise.all([
      this.repo.answersOf(a.id),
      this.repo.signOffsOf(a.id),
      this.repo.findingItemIds(a.id),
      this.attachmentsOf(a.id),
      this.repo.influenceReportsOf(a.id),
      this.checklists.detail(checklist.entity),
    ]);
    const template = templateOf(checklist.entity);
    const byItem = answerMap(answers);
    const rows = new Map(answers.map((r) => [r.itemId, r]));
    const completeness = auditCompleteness(template, byItem);
    const required = requiredSignOffs(a.followUpClass);
    const subject = asSubject('ContractAudit', {
      id: a.id,
      contractId: a.contractId,
      unitId: a.unitId,
      unitPath: a.unitPath,
    });
    const open = a.status === 'pagaende';
    const signable = a.status !== 'signerad' && completeness.complete;
    let canSignOff = false;
    if (signable) {
      try {
        this.signOffRole(a, user, ability, required, signOffs);
        canSignOff = true;
      } catch {
        canSignOff = false;
      }
    }
    return {
      ...this.summary(a),
      version: a.version,
      checklist: checklistDto,
      answers: checklistItems(template).map((item) =>
        this.answerDto(item.id, rows.get(item.id), files.get(item.id) ?? []),
      ),
      signOffs: signOffs.map((s) => ({
        role: s.role as SignOffRole,
        userId: s.userId,
        name: s.name,
        signedAt: s.signedAt.toISOString(),
      })),
      requiredSignOffs: required,
      completeness: completeness.complete
        ? { complete: true, total: completeness.total, answered: completeness.total, missing: [] }
        : {
            complete: false,
            total: completeness.total,
            answered: completeness.answered,
            missing: completeness.missing,
          },
      deviationsWithoutFinding: deviationsWithoutFinding(template, byItem, findingItems),
      influenceReports: influence.map((r) => ({
        itemId: r.itemId,
        recordedAt: r.recordedAt.toISOString(),
      })),
      permissions: {
        canAnswer: open && ability.can('update', subject),
        canSignOff,
        canCreateFinding:
          open &&
          ability.can(
            'create',
            asSubject('AuditFinding', { id: '', auditId: a.id, unitPath: a.unitPath }),
          ),
      },
    };
  }
}

function answerMap(rows: readonly AnswerRow[]): Map<string, AuditAnswer | null> {
  return new Map(rows.map((r) => [r.itemId, isAuditAnswer(r.answer) ? r.answer : null]));
}

function encodeCursor(last: AuditRow): string {
  return Buffer.from(JSON.stringify([last.startedAt.toISOString(), last.id])).toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const bad = () =>
    Problem.badRequest('Ogiltig sidmarkör: börja om från första sidan.', 'validation_failed', [
      { field: 'cursor', messages: ['invalid_cursor'] },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || id.length > 36) throw bad();
  const startedAt = new Date(at);
  if (Number.isNaN(startedAt.getTime())) throw bad();
  return { startedAt, id };
}
