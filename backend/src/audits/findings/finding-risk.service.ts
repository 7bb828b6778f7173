import { ForbiddenError } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AppAbility } from '../../core/authz/ability';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { WELFARE_CRIME_KINDS } from '../../core/domain/welfare-crime';
import { Problem } from '../../core/errors/problem';
import { CreateRiskDto, UpdateRiskDto } from '../../risks/dto/risk.dto';
import { RisksRepository } from '../../risks/risks.repository';
import { RisksService } from '../../risks/risks.service';
import { FindingRiskDto, FindingRiskResultDto } from './dto/finding.dto';
import { FindingsRepository } from './findings.repository';
import { FindingsService, findingSubject } from './findings.service';

/**
 * Findings feed risk: from an open finding a controller creates the contract's welfare-crime
 * risk, or reassesses it (a new residual assessment, kept in its history), in one step through
 * RisksService — the same rules, scoring and audit entries as the risk register — and the finding
 * is linked to it (`riskId`; the risk detail lists its linked findings).
 */
@Injectable()
export class FindingRiskService {
  constructor(
    private readonly findings: FindingsService,
    private readonly repo: FindingsRepository,
    private readonly risks: RisksService,
    private readonly riskRows: RisksRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async feed(
    findingId: string,
    dto: FindingRiskDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<FindingRiskResultDto> {
    return this.db.transaction(async () => {
      const f = await this.findings.loadFinding(findingId, ability);
      ForbiddenError.from(ability)
        .setMessage('Bara en avtalscontroller för avtalets enhet kan föra avvikelsen till risken.')
        .throwUnlessCan('update', findingSubject(f));
      if (f.status !== 'oppen') throw Problem.conflict('Avvikelsen är stängd.', 'finding_closed');

      const existing = await this.riskOf(f.riskId, f.contractId, dto.category);
      let riskId: string;
      let seq: number;
      let created: boolean;
      if (existing) {
        const current = await this.risks.get(existing, ability);
        const update = Object.assign(new UpdateRiskDto(), {
          baseSeq: current.assessmentSeq,
          residualLikelihood: dto.likelihood,
          residualConsequence: dto.consequence,
        });
        const after = await this.risks.update(existing, update, actor, ability);
        riskId = after.id;
        seq = after.assessmentSeq;
        created = false;
      } else {
        const create = Object.assign(new CreateRiskDto(), {
          subjectKind: 'avtal',
          contractId: f.contractId,
          category: dto.category ?? 'oserios_leverantor',
          title: dto.title ?? `Välfärdsbrott – ${f.contractTitle}`.slice(0, 200),
          description: dto.description ?? f.description,
          ownerId: dto.ownerId ?? actor.id,
          inherentLikelihood: dto.likelihood,
          inherentConsequence: dto.consequence,
          residualLikelihood: dto.likelihood,
          residualConsequence: dto.consequence,
        });
        const risk = await this.risks.create(create, actor, ability);
        riskId = risk.id;
        seq = risk.assessmentSeq;
        created = true;
      }
      const now = this.clock.now();
      await this.repo.findings.update(
        { id: f.id },
        { riskId, updatedAt: now, version: f.version + 1 },
      );
      await this.audit.record({
        action: 'contract_audit.finding_risk_linked',
        actor,
        objectType: 'ContractAudit',
        objectId: f.auditId,
        details: { findingId: f.id, riskId, created, seq },
      });
      return { riskId, created, assessmentSeq: seq };
    });
  }

  /**
   * The contract risk this finding feeds: the one it is already linked to (if it still exists),
   * else the contract's newest welfare-crime risk (of `category` when given), else none.
   */
  private async riskOf(
    linked: string | null,
    contractId: string,
    category: string | undefined,
  ): Promise<string | null> {
    if (linked && (await this.riskRows.risks.countBy({ id: linked })) > 0) return linked;
    const kinds = category ? [category] : [...WELFARE_CRIME_KINDS];
    const r = await this.riskRows.risks.findOne({
      where: { contractId, subjectKind: 'avtal', category: In(kinds) },
      order: { updatedAt: 'DESC', id: 'DESC' },
      select: { id: true },
    });
    return r?.id ?? null;
  }
}
