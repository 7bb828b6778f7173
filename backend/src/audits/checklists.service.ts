import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { AuditsRepository } from './audits.repository';
import {
  checklistItems,
  validateChecklistTemplate,
  type ChecklistSection,
  type ChecklistTemplate,
} from './domain/checklist-template';
import {
  ChecklistDetailDto,
  ChecklistListDto,
  ChecklistSummaryDto,
  CreateChecklistDto,
} from './dto/audit.dto';
import { ChecklistTemplateEntity } from './entities/checklist-template.entity';
import { ADVISORY_LOCKS } from '../core/database/advisory-locks';

/** Serialises the version numbering of checklist templates (PostgreSQL advisory lock). */
export const CHECKLIST_LOCK = ADVISORY_LOCKS.checklist;

/** A template version as the rest of the module uses it. */
export interface StoredChecklist {
  entity: ChecklistTemplateEntity;
  template: ChecklistTemplate;
}

/** Checklist templates: every version is kept; a new version is published on creation. */
@Injectable()
export class ChecklistsService {
  constructor(
    private readonly repo: AuditsRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ChecklistListDto> {
    const rows = await this.repo.listTemplates();
    const current = new Map<string, number>();
    for (const r of rows)
      if (r.status === 'published')
        current.set(r.key, Math.max(current.get(r.key) ?? 0, r.version));
    return {
      items: rows.map((r) => ({
        ...this.summary(r, r.createdByName, current.get(r.key) === r.version),
      })),
    };
  }

  async get(id: string): Promise<ChecklistDetailDto> {
    const e = await this.repo.findTemplate(id);
    if (!e) throw Problem.notFound('Checklistan');
    return this.detail(e);
  }

  /** Publishes a new template, or a new version of the template `key`. */
  async create(dto: CreateChecklistDto, actor: AuthUser): Promise<ChecklistDetailDto> {
    const sections: ChecklistSection[] = dto.sections.map((s) => ({
      code: s.code,
      title: s.title,
      items: s.items.map((i) => ({
        id: i.id,
        number: i.number,
        text: i.text,
        guidance: i.guidance,
        evidence: i.evidence,
      })),
    }));
    const draft: ChecklistTemplate = { key: dto.key ?? '', version: 0, title: dto.title, sections };
    const issues = validateChecklistTemplate(draft);
    if (issues.length)
      throw new Problem(
        HttpStatus.BAD_REQUEST,
        'checklist_invalid',
        'Checklistan kan inte publiceras: rätta det som är markerat.',
        { issues: issues.map((i) => ({ ...i })) },
      );
    const id = await this.db.transaction(async () => {
      await this.db.lock(CHECKLIST_LOCK);
      let key: string;
      let version: number;
      if (dto.key) {
        const latest = await this.repo.latestVersion(dto.key);
        if (latest === 0)
          throw Problem.badRequest('Checklistan finns inte.', 'validation_failed', [
            { field: 'key', messages: ['unknown_checklist'] },
          ]);
        key = dto.key;
        version = latest + 1;
      } else {
        key = await this.freeKey(dto.title);
        version = 1;
      }
      const entity: ChecklistTemplateEntity = {
        id: randomUUID(),
        key,
        version,
        title: dto.title,
        status: 'published',
        sections: JSON.stringify(sections),
        itemCount: checklistItems(draft).length,
        createdAt: this.clock.now(),
        createdBy: actor.id,
      };
      await this.repo.templates.insert(entity);
      await this.audit.record({
        action: 'checklist.published',
        actor,
        objectType: 'ChecklistTemplate',
        objectId: entity.id,
        details: { version, sections: sections.length, items: entity.itemCount },
      });
      return entity.id;
    });
    return this.get(id);
  }

  /** A template version and its parsed content, or null. */
  async load(id: string): Promise<StoredChecklist | null> {
    const entity = await this.repo.findTemplate(id);
    return entity ? { entity, template: templateOf(entity) } : null;
  }

  /** Whether `e` is the newest published version of its key. */
  async isCurrent(e: ChecklistTemplateEntity): Promise<boolean> {
    return e.status === 'published' && (await this.repo.latestVersion(e.key)) === e.version;
  }

  async detail(e: ChecklistTemplateEntity): Promise<ChecklistDetailDto> {
    return {
      ...this.summary(e, await this.repo.userName(e.createdBy), await this.isCurrent(e)),
      sections: templateOf(e).sections,
    };
  }

  private summary(
    e: ChecklistTemplateEntity,
    createdByName: string | null,
    current: boolean,
  ): ChecklistSummaryDto {
    return {
      id: e.id,
      key: e.key,
      version: e.version,
      title: e.title,
      status: e.status as 'published' | 'draft',
      itemCount: e.itemCount,
      createdAt: e.createdAt.toISOString(),
      createdBy: e.createdBy ? { id: e.createdBy, name: createdByName ?? '' } : null,
      current,
    };
  }

  /** A key from the title (lower-case ASCII, dashes), made unique with -2, -3 … */
  private async freeKey(title: string): Promise<string> {
    const base =
      title
        .toLowerCase()
        .replace(/[åä]/g, 'a')
        .replace(/ö/g, 'o')
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 70) || 'checklista';
    const taken = await this.repo.keysLike(base);
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

/** The domain template of a stored version. */
export function templateOf(e: ChecklistTemplateEntity): ChecklistTemplate {
  return {
    key: e.key,
    version: e.version,
    title: e.title,
    sections: JSON.parse(e.sections) as ChecklistSection[],
  };
}
