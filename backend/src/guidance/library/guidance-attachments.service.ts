import { ForbiddenError } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import type { AuthUser } from '../../core/authz/roles';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import { FileStore, type StoredFileInfo } from '../../core/files/file-store';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_OWNER,
  attachmentDto,
  MAX_ATTACHMENTS,
} from './guidance-attachments';
import { requireUpload } from '../../core/files/upload.interceptor';
import type { GuidanceAttachmentDto } from './dto/guidance.dto';
import type { GuidanceArticleEntity } from './entities/guidance-article.entity';
import { GuidanceService } from './guidance.service';

/**
 * Attachments of an article (a form, a poster, a checklist as PDF or picture): stored encrypted
 * by the FileStore with the article as owner. Editors add and remove them; everyone who may read
 * the article downloads them (a draft's files are as invisible as the draft).
 */
@Injectable()
export class GuidanceAttachmentsService {
  constructor(
    private readonly guidance: GuidanceService,
    private readonly files: FileStore,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

  private canEdit(a: GuidanceArticleEntity, ability: AppAbility): void {
    ForbiddenError.from(ability)
      .setMessage('Du får inte ändra artikeln.')
      .throwUnlessCan('update', asSubject('GuidanceArticle', { id: a.id, status: a.status }));
  }

  async add(
    slug: string,
    file: Express.Multer.File | undefined,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<GuidanceAttachmentDto> {
    return this.db.transaction(async () => {
      const a = await this.guidance.load(slug, ability);
      this.canEdit(a, ability);
      const upload = requireUpload(file);
      if ((await this.files.idsOf(ATTACHMENT_OWNER, a.id)).length >= MAX_ATTACHMENTS)
        throw Problem.conflict(`En artikel kan ha högst ${MAX_ATTACHMENTS} bilagor.`);
      const info = await this.files.put(upload.content, {
        declaredName: upload.declaredName,
        allowedTypes: ATTACHMENT_KINDS,
        maxBytes: ATTACHMENT_MAX_BYTES,
        ownerType: ATTACHMENT_OWNER,
        ownerId: a.id,
        createdBy: actor.id,
      });
      await this.audit.record({
        action: 'guidance.attachment_added',
        actor,
        objectType: 'GuidanceArticle',
        objectId: a.id,
        details: { fileId: info.id, mediaType: info.mediaType, size: info.size },
      });
      return attachmentDto(info);
    });
  }

  async open(
    slug: string,
    fileId: string,
    ability: AppAbility,
  ): Promise<{ info: StoredFileInfo; stream: Readable }> {
    const a = await this.guidance.load(slug, ability);
    if (!(await this.files.idsOf(ATTACHMENT_OWNER, a.id)).includes(fileId))
      throw Problem.notFound('Bilagan');
    return this.files.open(fileId);
  }

  async remove(slug: string, fileId: string, actor: AuthUser, ability: AppAbility): Promise<void> {
    const a = await this.guidance.load(slug, ability);
    this.canEdit(a, ability);
    if (!(await this.files.idsOf(ATTACHMENT_OWNER, a.id)).includes(fileId))
      throw Problem.notFound('Bilagan');
    // the content leaves the disk outside a transaction (FileStore.destroy); the audit entry
    // follows in its own unit of work
    await this.files.destroy(fileId);
    await this.audit.record({
      action: 'guidance.attachment_removed',
      actor,
      objectType: 'GuidanceArticle',
      objectId: a.id,
      details: { fileId },
    });
  }
}
