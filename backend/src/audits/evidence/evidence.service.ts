import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AuditService } from '../../core/audit/audit.service';
import type { AppAbility } from '../../core/authz/ability';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import { FileStore, type StoredFileInfo } from '../../core/files/file-store';
import type { FileKind } from '../../core/files/file-kinds';
import { requireUpload } from '../../core/files/upload.interceptor';
import { AuditAnswerFileEntity } from '../entities/audit-answer-file.entity';
import { AuditInfluenceReportEntity } from '../entities/audit-influence-report.entity';
import { AuditRefs, assertNotSigned, auditSubject, type AuditRef } from '../findings/audit-refs';
import { EvidenceFileDto, InfluenceReportRecordedDto } from './evidence.dto';

/** Photos and PDF documents: what evidence of an audit item may be (checked by content). */
export const EVIDENCE_KINDS: readonly FileKind[] = ['jpeg', 'png', 'heic', 'pdf'];
/** At most this many bytes per file (and at most UPLOAD_MAX_BYTES). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** At most this many files per item of an audit. */
export const EVIDENCE_MAX_FILES_PER_ITEM = 20;

const ITEM_ID = /^[A-Za-z0-9_-]{1,16}$/;

/**
 * Evidence of an audit's answers (photos, PDF), stored encrypted by FileStore like report
 * attachments (its own data key, ownerType `audit`), and the record that an influence-attempt
 * report was made from item H28 — only that and when, never the report or a link to it.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly audits: AuditRefs,
    private readonly files: FileStore,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async addAttachment(
    auditId: string,
    itemId: string,
    file: Express.Multer.File | undefined,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<EvidenceFileDto> {
    return this.db.transaction(async () => {
      const a = await this.writable(auditId, ability);
      await this.assertItem(a, itemId, 'notFound');
      const count = await this.db.repo(AuditAnswerFileEntity).countBy({ auditId: a.id, itemId });
      if (count >= EVIDENCE_MAX_FILES_PER_ITEM)
        throw Problem.conflict(
          `En punkt kan ha högst ${EVIDENCE_MAX_FILES_PER_ITEM} bilagor.`,
          'conflict',
        );
      const upload = requireUpload(file);
      const info = await this.files.put(upload.content, {
        declaredName: upload.declaredName,
        allowedTypes: EVIDENCE_KINDS,
        maxBytes: EVIDENCE_MAX_BYTES,
        ownerType: 'audit',
        ownerId: a.id,
        createdBy: actor.id,
      });
      await this.db.repo(AuditAnswerFileEntity).insert({
        fileId: info.id,
        auditId: a.id,
        itemId,
        createdAt: info.createdAt,
        createdBy: actor.id,
      });
      await this.audit.record({
        action: 'contract_audit.evidence_added',
        actor,
        objectType: 'ContractAudit',
        objectId: a.id,
        details: { fileId: info.id, itemId, mediaType: info.mediaType, size: info.size },
      });
      return evidenceDto(info);
    });
  }

  /** An evidence file's content for a reader of the audit; the download is audit-logged. */
  async openAttachment(
    auditId: string,
    fileId: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<{ info: StoredFileInfo; stream: Readable }> {
    return this.db.transaction(async () => {
      const a = await this.audits.readable(auditId, ability);
      const row = await this.db.repo(AuditAnswerFileEntity).findOneBy({ fileId, auditId: a.id });
      if (!row) throw Problem.notFound('Bilagan');
      const opened = await this.files.open(fileId);
      await this.audit.record({
        action: 'contract_audit.evidence_downloaded',
        actor,
        objectType: 'ContractAudit',
        objectId: a.id,
        details: { fileId, itemId: row.itemId },
      });
      return opened;
    });
  }

  async recordInfluenceReport(
    auditId: string,
    itemId: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<InfluenceReportRecordedDto> {
    return this.db.transaction(async () => {
      const a = await this.writable(auditId, ability);
      await this.assertItem(a, itemId, 'badRequest');
      const row: AuditInfluenceReportEntity = {
        id: randomUUID(),
        auditId: a.id,
        itemId,
        recordedAt: this.clock.now(),
        recordedBy: actor.id,
      };
      await this.db.repo(AuditInfluenceReportEntity).insert(row);
      await this.audit.record({
        action: 'contract_audit.influence_report_recorded',
        actor,
        objectType: 'ContractAudit',
        objectId: a.id,
        details: { itemId },
      });
      return { itemId, recordedAt: row.recordedAt.toISOString() };
    });
  }

  private async writable(auditId: string, ability: AppAbility): Promise<AuditRef> {
    const a = await this.audits.allowed(
      auditId,
      ability,
      'update',
      auditSubject,
      'Du får inte ändra den här granskningen.',
    );
    assertNotSigned(a);
    return a;
  }

  private async assertItem(
    a: AuditRef,
    itemId: string,
    as: 'notFound' | 'badRequest',
  ): Promise<void> {
    const ok = ITEM_ID.test(itemId) && (await this.audits.template(a.templateId)).items.has(itemId);
    if (ok) return;
    if (as === 'notFound') throw Problem.notFound('Punkten');
    throw new Problem(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Punkten finns inte i checklistan.',
      {
        errors: [{ field: 'itemId', messages: ['unknown_item'] }],
      },
    );
  }
}

function evidenceDto(info: StoredFileInfo): EvidenceFileDto {
  return {
    id: info.id,
    fileName: info.displayName,
    contentType: info.mediaType,
    size: info.size,
    createdAt: info.createdAt.toISOString(),
  };
}
