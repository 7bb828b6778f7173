import { ForbiddenError } from '@casl/ability';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import { asSubject, type AppAbility, type SubjectRecord } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { Db } from '../core/database/db';
import {
  compareLocalDates,
  endOfLocalDay,
  localDateOf,
  parseLocalDate,
  type LocalDate,
} from '../core/domain/local-date';
import { Problem, type FieldError } from '../core/errors/problem';
import { UnitUsageRegistry } from '../org/unit-usage.registry';
import { RiskRegisterVersion } from './risk-register-version';
import { acceptanceDatesValid, acceptanceState } from './domain/risk-acceptance';
import type { RiskBand, RiskMatrix } from './domain/risk-matrix';
import {
  NOT_ASSESSED,
  storedResidualScore,
  nextReviewDate,
  scoreRisk,
  type RiskScore,
  type StoredBand,
} from './domain/risk-scoring';
import type {
  RiskActionStatus,
  RiskCategory,
  RiskSubjectKind,
  RiskTreatment,
  UnitProcess,
} from './domain/risk-taxonomy';
import type { RiskMatrixDto } from './dto/risk-matrix.dto';
import {
  AcceptRiskDto,
  CreateRiskActionDto,
  CreateRiskDto,
  ListRisksQuery,
  MyRiskActionDto,
  RiskAcceptanceDto,
  RiskActionDto,
  RiskAssessmentDto,
  RiskAssessmentInputDto,
  RiskDetailDto,
  RiskFilterQuery,
  RiskHeatmapDto,
  RiskPageDto,
  RiskPersonDto,
  RiskScoreDto,
  RiskSummaryDto,
  UpdateRiskActionDto,
  UpdateRiskDto,
} from './dto/risk.dto';
import type { RiskAcceptanceEntity } from './entities/risk-acceptance.entity';
import type { RiskActionEntity } from './entities/risk-action.entity';
import { RiskAssessmentEntity } from './entities/risk-assessment.entity';
import type { RiskEntity } from './entities/risk.entity';
import { RiskMatrixService } from './risk-matrix.service';
import {
  LINKED_FINDING_COLUMNS,
  PERSON_COLUMNS,
  RISK_COLUMNS,
  RISK_ACTION_COLUMNS,
  RisksRepository,
  type RiskFilter,
  type RiskRow,
} from './risks.repository';

/** The current matrix as the domain type, with its version. */
export interface CurrentMatrix {
  version: number;
  matrix: RiskMatrix;
  dto: RiskMatrixDto;
}

/** The domain matrix of a matrix DTO (cells come row by row). */
export function matrixOf(dto: RiskMatrixDto): RiskMatrix {
  const cells: RiskBand[][] = dto.likelihood.map(() => []);
  for (const c of dto.cells) cells[c.likelihood - 1][c.consequence - 1] = c.band;
  return {
    likelihood: dto.likelihood,
    consequence: dto.consequence,
    bands: dto.bands,
    cells,
    maxConsequenceFloor: dto.maxConsequenceFloor,
  };
}

/** "4 × 5 = 20 → Mycket hög", or "Ej bedömd". */
export function explanationOf(matrix: RiskMatrix, s: RiskScore): string {
  if (s.band === NOT_ASSESSED) return 'Ej bedömd';
  const label = matrix.bands.find((b) => b.band === s.band)?.label ?? s.band;
  return `${s.likelihood} × ${s.consequence} = ${s.score} → ${label}`;
}

/** Fields of an assessment (inputs) that a PATCH may carry. */
const ASSESSMENT_FIELDS = [
  'inherentLikelihood',
  'inherentConsequence',
  'existingControls',
  'residualLikelihood',
  'residualConsequence',
  'treatment',
] as const;

type AssessmentValues = {
  inherentLikelihood: number | null;
  inherentConsequence: number | null;
  existingControls: string | null;
  residualLikelihood: number | null;
  residualConsequence: number | null;
  treatment: RiskTreatment | null;
};

/** Heatmaps kept per instance (each a few kB). */
const HEATMAP_CACHE_SIZE = 500;

@Injectable()
export class RisksService implements OnModuleInit {
  constructor(
    private readonly risks: RisksRepository,
    private readonly matrices: RiskMatrixService,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly usage: UnitUsageRegistry,
    private readonly registerVersion: RiskRegisterVersion,
  ) {}

  /**
   * Computed heatmaps by (register version, matrix version, the whole filter — the reader's
   * access condition included). The register version moves with every committed change of what a
   * heatmap reads (RiskRegisterVersion), on any instance, so an entry is never served stale; a
   * reader with other rules has another access condition and so another key. Least recently used
   * entries go first.
   */
  private readonly heatmaps = new Map<string, RiskHeatmapDto>();

  onModuleInit(): void {
    this.usage.register({
      kind: 'risks',
      label: 'risker',
      visibleTo: ['read', 'Risk'],
      inUse: async (unitId) => (await this.risks.countInUnit(unitId)) > 0,
    });
  }

  today(): LocalDate {
    return localDateOf(this.clock.now());
  }

  async currentMatrix(): Promise<CurrentMatrix> {
    const dto = await this.matrices.current();
    return { version: dto.version, matrix: matrixOf(dto), dto };
  }

  // ------------------------------------------------------------------ reading

  async list(query: ListRisksQuery, ability: AppAbility, user: AuthUser): Promise<RiskPageDto> {
    const filter = await this.filterOf(query, ability);
    if (query.mine) filter.ownerId = user.id;
    filter.likelihood = query.likelihood;
    filter.consequence = query.consequence;
    filter.band = query.band;
    filter.acceptance = query.acceptance;
    filter.reviewOverdue = query.reviewOverdue === 'true';
    const { rows, total } = await this.risks.list(filter, query.limit ?? 25, query.offset ?? 0);
    return {
      items: rows.map((r) => this.summary(r, filter.today as LocalDate)),
      total,
      asOf: query.asOf ?? null,
    };
  }

  /** The heatmap of the caller's scope and the filters: one grouped query. */
  async heatmap(query: RiskFilterQuery, ability: AppAbility): Promise<RiskHeatmapDto> {
    const filter = await this.filterOf(query, ability);
    const [register, { version, matrix }] = await Promise.all([
      this.registerVersion.current(),
      this.currentMatrix(),
    ]);
    const key = JSON.stringify([register, version, filter]);
    const hit = this.heatmaps.get(key);
    if (hit) {
      this.heatmaps.delete(key);
      this.heatmaps.set(key, hit);
      return { ...hit, cells: hit.cells.map((c) => ({ ...c })) };
    }
    const dto = await this.computeHeatmap(filter, version, matrix, query.asOf ?? null);
    this.heatmaps.set(key, dto);
    if (this.heatmaps.size > HEATMAP_CACHE_SIZE)
      this.heatmaps.delete(this.heatmaps.keys().next().value as string);
    return { ...dto, cells: dto.cells.map((c) => ({ ...c })) };
  }

  private async computeHeatmap(
    filter: RiskFilter,
    version: number,
    matrix: RiskMatrix,
    asOf: string | null,
  ): Promise<RiskHeatmapDto> {
    const groups = await this.risks.heatmap(filter);
    const rows = matrix.likelihood.length;
    const cols = matrix.consequence.length;
    const counts = new Map<string, number>();
    let notAssessed = 0;
    let outsideMatrix = 0;
    let total = 0;
    for (const g of groups) {
      total += g.count;
      if (g.likelihood === null || g.consequence === null) notAssessed += g.count;
      else if (g.likelihood > rows || g.consequence > cols) outsideMatrix += g.count;
      else counts.set(`${g.likelihood}:${g.consequence}`, g.count);
    }
    const cells = [];
    for (let l = 1; l <= rows; l++)
      for (let c = 1; c <= cols; c++)
        cells.push({
          likelihood: l,
          consequence: c,
          score: l * c,
          band: matrix.cells[l - 1][c - 1],
          count: counts.get(`${l}:${c}`) ?? 0,
        });
    return {
      kind: filter.kind,
      asOf,
      matrixVersion: version,
      likelihoodLevels: rows,
      consequenceLevels: cols,
      cells,
      notAssessed,
      outsideMatrix,
      total,
    };
  }

  /**
   * People a controller may name as riskägare or action owner: active users of the units where
   * the caller may register risks (the same rules, over the user's unit).
   */
  people(q: string | undefined, ability: AppAbility): Promise<RiskPersonDto[]> {
    return this.risks.people(accessibleWhere(ability, 'create', 'Risk', PERSON_COLUMNS), q);
  }

  /** The actions the caller is responsible for (also on risks they cannot open). */
  async myActions(user: AuthUser, ability: AppAbility): Promise<MyRiskActionDto[]> {
    const today = this.today();
    const rows = await this.risks.actionsOwnedBy(
      user.id,
      accessibleWhere(ability, 'read', 'RiskAction', RISK_ACTION_COLUMNS),
    );
    return rows.map((a) => {
      const risk = { id: a.riskId, unitId: a.unitId, unitPath: a.unitPath, ownerId: a.riskOwnerId };
      const subject = asSubject('RiskAction', {
        id: a.id,
        riskId: a.riskId,
        unitId: a.unitId,
        unitPath: a.unitPath,
        ownerId: a.ownerId,
        riskOwnerId: a.riskOwnerId,
      });
      return {
        id: a.id,
        riskId: a.riskId,
        title: a.title,
        ownerId: a.ownerId,
        ownerName: a.ownerName,
        dueDate: a.dueDate,
        status: a.status as RiskActionStatus,
        overdue: isOpen(a.status) && a.dueDate < today,
        canUpdate: ability.can('update', subject),
        riskTitle: a.riskTitle,
        canReadRisk: ability.can('read', this.riskSubject(risk)),
      };
    });
  }

  async get(id: string, ability: AppAbility): Promise<RiskDetailDto> {
    const r = await this.load(id, ability, 'read');
    return this.detail(r, ability);
  }

  async history(id: string, ability: AppAbility): Promise<RiskAssessmentDto[]> {
    await this.load(id, ability, 'read');
    const rows = await this.risks.history(id);
    return rows.map((a) => ({ ...this.assessmentDto(a), assessedByName: a.assessedByName }));
  }

  // ------------------------------------------------------------------ writing

  async create(dto: CreateRiskDto, actor: AuthUser, ability: AppAbility): Promise<RiskDetailDto> {
    const id = await this.db.transaction(async () => {
      const subject = await this.subjectOf(dto);
      const unit = await this.risks.unit(subject.unitId);
      if (!unit) throw invalid('Enheten finns inte.', 'unitId', 'unknown_unit');
      ForbiddenError.from(ability)
        .setMessage('Du får inte registrera risker för den enheten.')
        .throwUnlessCan(
          'create',
          asSubject('Risk', { id: '', unitId: unit.id, unitPath: unit.path, ownerId: dto.ownerId }),
        );
      await this.assertUser(dto.ownerId, 'ownerId');
      const current = await this.currentMatrix();
      const now = this.clock.now();
      const riskId = randomUUID();
      const assessment = this.assess(riskId, 1, valuesOf(dto, null), current, actor, now);
      const risk: RiskEntity = {
        id: riskId,
        subjectKind: dto.subjectKind,
        contractId: subject.contractId,
        supplierId: subject.supplierId,
        processCode: subject.processCode,
        unitId: unit.id,
        category: dto.category,
        title: dto.title,
        description: dto.description,
        ownerId: dto.ownerId,
        currentSeq: 1,
        nextReviewDate: assessment.nextReviewDate,
        reviewReminderStep: null,
        createdAt: now,
        createdBy: actor.id,
        updatedAt: now,
      };
      await this.risks.risks.insert(risk);
      await this.risks.assessments.insert(assessment);
      await this.audit.record({
        action: 'risk.created',
        actor,
        objectType: 'Risk',
        objectId: riskId,
        details: {
          unitId: unit.id,
          subjectKind: dto.subjectKind,
          contractId: subject.contractId,
          supplierId: subject.supplierId,
          processCode: subject.processCode,
          category: dto.category,
          matrixVersion: assessment.matrixVersion,
          inherentBand: assessment.inherentBand,
          residualBand: assessment.residualBand,
        },
      });
      return riskId;
    });
    return this.get(id, ability);
  }

  async update(
    id: string,
    dto: UpdateRiskDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<RiskDetailDto> {
    await this.db.transaction(async () => {
      const r = await this.load(id, ability, 'update');
      const risk = (await this.risks.risks.findOneBy({ id }))!;
      if (dto.baseSeq !== risk.currentSeq)
        throw Problem.conflict(
          `Risken har bedömts på nytt (version ${risk.currentSeq}) sedan du började redigera version ${dto.baseSeq}. Ladda om och gör om ändringen.`,
          'edit_conflict',
        );
      const patch: Partial<RiskEntity> = {};
      const changed: string[] = [];
      for (const field of ['title', 'description', 'category', 'ownerId'] as const) {
        const value = dto[field];
        if (value === undefined || value === risk[field]) continue;
        (patch as Record<string, unknown>)[field] = value;
        changed.push(field);
      }
      if (patch.ownerId) await this.assertUser(patch.ownerId, 'ownerId');
      const now = this.clock.now();
      const details: Record<string, unknown> = { changed };
      if (ASSESSMENT_FIELDS.some((f) => dto[f] !== undefined)) {
        const current = await this.currentMatrix();
        const seq = risk.currentSeq + 1;
        const a = this.assess(id, seq, valuesOf(dto, r.assessment), current, actor, now);
        await this.risks.assessments.insert(a);
        patch.currentSeq = seq;
        patch.nextReviewDate = a.nextReviewDate;
        patch.reviewReminderStep = null;
        changed.push('assessment');
        Object.assign(details, {
          seq,
          matrixVersion: a.matrixVersion,
          inherentBand: a.inherentBand,
          residualBand: a.residualBand,
        });
      }
      if (!changed.length) return;
      patch.updatedAt = now;
      await this.risks.risks.update({ id }, patch);
      await this.audit.record({
        action: changed.includes('assessment') ? 'risk.assessed' : 'risk.updated',
        actor,
        objectType: 'Risk',
        objectId: id,
        details,
      });
    });
    return this.get(id, ability);
  }

  /** A chef over the risk's unit accepts its residual with a motivation, until `expiresOn`. */
  async accept(
    id: string,
    dto: AcceptRiskDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<RiskDetailDto> {
    await this.db.transaction(async () => {
      const r = await this.load(id, ability, 'read');
      ForbiddenError.from(ability)
        .setMessage('Bara en chef över riskens enhet kan acceptera den.')
        .throwUnlessCan(
          'create',
          asSubject('RiskAcceptance', { riskId: r.id, unitId: r.unitId, unitPath: r.unitPath }),
        );
      const a = r.assessment;
      if (a.residualBand === NOT_ASSESSED)
        throw invalid(
          'Nettorisken är inte bedömd; bedöm den innan den kan accepteras.',
          'residualLikelihood',
          'risk_not_assessed',
        );
      const today = this.today();
      const expiresOn = parseLocalDate(dto.expiresOn);
      if (!expiresOn) throw invalid('Ogiltigt datum.', 'expiresOn', 'invalid_date');
      if (!acceptanceDatesValid(today, expiresOn))
        throw invalid(
          'Accepterandet måste gälla till ett datum efter i dag.',
          'expiresOn',
          'expires_not_after_today',
        );
      const row: RiskAcceptanceEntity = {
        id: randomUUID(),
        riskId: r.id,
        assessmentSeq: a.seq,
        residualLikelihood: a.residualLikelihood,
        residualConsequence: a.residualConsequence,
        residualBand: a.residualBand,
        motivation: dto.motivation,
        acceptedOn: today,
        expiresOn,
        acceptedBy: actor.id,
        createdAt: this.clock.now(),
      };
      await this.risks.acceptances.insert(row);
      await this.audit.record({
        action: 'risk.accepted',
        actor,
        objectType: 'Risk',
        objectId: r.id,
        details: { seq: a.seq, residualBand: a.residualBand, expiresOn },
      });
    });
    return this.get(id, ability);
  }

  async addAction(
    riskId: string,
    dto: CreateRiskActionDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<RiskActionDto> {
    const due = parseLocalDate(dto.dueDate);
    if (!due) throw invalid('Ogiltigt datum.', 'dueDate', 'invalid_date');
    const id = await this.db.transaction(async () => {
      const r = await this.load(riskId, ability, 'read');
      ForbiddenError.from(ability)
        .setMessage('Du får inte lägga till åtgärder på den här risken.')
        .throwUnlessCan('create', this.actionSubject(r, { id: '', ownerId: dto.ownerId }));
      await this.assertUser(dto.ownerId, 'ownerId');
      const now = this.clock.now();
      const row: RiskActionEntity = {
        id: randomUUID(),
        riskId: r.id,
        title: dto.title,
        ownerId: dto.ownerId,
        dueDate: due,
        status: dto.status ?? 'planerad',
        reminderStep: null,
        createdAt: now,
        updatedAt: now,
      };
      await this.risks.actions.insert(row);
      await this.audit.record({
        action: 'risk.action_created',
        actor,
        objectType: 'Risk',
        objectId: r.id,
        details: { actionId: row.id, dueDate: due, status: row.status },
      });
      return row.id;
    });
    return this.actionDto(riskId, id, ability);
  }

  async updateAction(
    riskId: string,
    actionId: string,
    dto: UpdateRiskActionDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<RiskActionDto> {
    await this.db.transaction(async () => {
      const { action, subject } = await this.loadAction(riskId, actionId, ability);
      ForbiddenError.from(ability).throwUnlessCan('update', subject);
      const patch: Partial<RiskActionEntity> = {};
      const changed: string[] = [];
      if (dto.dueDate !== undefined) {
        const due = parseLocalDate(dto.dueDate);
        if (!due) throw invalid('Ogiltigt datum.', 'dueDate', 'invalid_date');
        dto.dueDate = due;
      }
      for (const field of ['title', 'ownerId', 'dueDate', 'status'] as const) {
        const value = dto[field];
        if (value === undefined || value === action[field]) continue;
        (patch as Record<string, unknown>)[field] = value;
        changed.push(field);
      }
      if (!changed.length) return;
      if (patch.ownerId) {
        await this.assertUser(patch.ownerId, 'ownerId');
        // handing it over must leave it with someone the rules allow (not a way out of scope)
        ForbiddenError.from(ability).throwUnlessCan(
          'update',
          asSubject('RiskAction', { ...subject, ownerId: patch.ownerId }),
        );
      }
      if (patch.dueDate !== undefined || patch.ownerId !== undefined) patch.reminderStep = null;
      patch.updatedAt = this.clock.now();
      await this.risks.actions.update({ id: actionId }, patch);
      await this.audit.record({
        action: 'risk.action_updated',
        actor,
        objectType: 'Risk',
        objectId: riskId,
        details: { actionId, changed, ...(patch.status ? { status: patch.status } : {}) },
      });
    });
    return this.actionDto(riskId, actionId, ability);
  }

  // ------------------------------------------------------------------ helpers

  private async filterOf(query: RiskFilterQuery, ability: AppAbility): Promise<RiskFilter> {
    let unitPath: string | undefined;
    if (query.unitId) {
      const unit = await this.risks.unit(query.unitId);
      if (!unit) throw invalid('Enheten finns inte.', 'unitId', 'unknown_unit');
      unitPath = unit.path;
    }
    let asOfEnd: Date | undefined;
    let today = this.today();
    if (query.asOf) {
      const d = parseLocalDate(query.asOf);
      if (!d) throw invalid('Ogiltigt datum.', 'asOf', 'invalid_date');
      asOfEnd = endOfLocalDay(d);
      today = d;
    }
    return {
      access: accessibleWhere(ability, 'read', 'Risk', RISK_COLUMNS),
      asOfEnd,
      today,
      unitPath,
      category: query.category,
      sector: query.sector,
      contractId: query.contractId,
      supplierId: query.supplierId,
      subjectKind: query.subjectKind,
      kind: query.kind ?? 'residual',
    };
  }

  /** What a new risk belongs to, and its unit (the contract's for a contract risk). */
  private async subjectOf(dto: CreateRiskDto): Promise<{
    unitId: string;
    contractId: string | null;
    supplierId: string | null;
    processCode: UnitProcess | null;
  }> {
    const errors: FieldError[] = [];
    const need = (
      field: 'contractId' | 'supplierId' | 'processCode' | 'unitId',
      kind: RiskSubjectKind,
    ) => {
      if (dto[field] === undefined) errors.push({ field, messages: [`required_for_${kind}`] });
    };
    const forbid = (field: 'contractId' | 'supplierId' | 'processCode', kind: RiskSubjectKind) => {
      if (dto[field] !== undefined) errors.push({ field, messages: [`not_for_${kind}`] });
    };
    if (dto.subjectKind === 'avtal') {
      need('contractId', 'avtal');
      forbid('supplierId', 'avtal');
      forbid('processCode', 'avtal');
    } else if (dto.subjectKind === 'leverantor') {
      need('supplierId', 'leverantor');
      need('unitId', 'leverantor');
      forbid('contractId', 'leverantor');
      forbid('processCode', 'leverantor');
    } else {
      need('processCode', 'process');
      need('unitId', 'process');
      forbid('contractId', 'process');
      forbid('supplierId', 'process');
    }
    if (errors.length)
      throw Problem.badRequest(
        'Ange vad risken gäller: avtal, leverantör eller process.',
        'validation_failed',
        errors,
      );
    if (dto.subjectKind === 'avtal') {
      const c = await this.risks.contract(dto.contractId!);
      if (!c) throw invalid('Avtalet finns inte.', 'contractId', 'unknown_contract');
      if (dto.unitId !== undefined && dto.unitId !== c.unitId)
        throw invalid(
          'En avtalsrisk hör till avtalets ansvariga enhet.',
          'unitId',
          'not_contract_unit',
        );
      return { unitId: c.unitId, contractId: c.id, supplierId: null, processCode: null };
    }
    if (dto.subjectKind === 'leverantor') {
      if (!(await this.risks.supplierExists(dto.supplierId!)))
        throw invalid('Leverantören finns inte.', 'supplierId', 'unknown_supplier');
      return {
        unitId: dto.unitId!,
        contractId: null,
        supplierId: dto.supplierId!,
        processCode: null,
      };
    }
    return {
      unitId: dto.unitId!,
      contractId: null,
      supplierId: null,
      processCode: dto.processCode!,
    };
  }

  /** Scores both sides on the current matrix; the one place assessments are made. */
  private assess(
    riskId: string,
    seq: number,
    v: AssessmentValues,
    current: CurrentMatrix,
    actor: AuthUser,
    now: Date,
  ): RiskAssessmentEntity {
    const side = (prefix: 'inherent' | 'residual'): RiskScore => {
      const res = scoreRisk(current.matrix, {
        likelihood: v[`${prefix}Likelihood`],
        consequence: v[`${prefix}Consequence`],
      });
      if (!res.ok) {
        const i = res.issue;
        const field = `${prefix}${cap(i.code === 'assessment_incomplete' ? i.missing : i.field)}`;
        throw Problem.badRequest(
          i.code === 'assessment_incomplete'
            ? 'Ange både sannolikhet och konsekvens, eller ingen av dem (ej bedömd).'
            : `Nivån finns inte i riskmatrisen (1–${i.max}).`,
          'validation_failed',
          [{ field, messages: [i.code] }],
        );
      }
      return res.value;
    };
    const inherent = side('inherent');
    const residual = side('residual');
    const m = current.matrix;
    return Object.assign(new RiskAssessmentEntity(), {
      id: randomUUID(),
      riskId,
      seq,
      validFrom: now,
      matrixVersion: current.version,
      inherentLikelihood: inherent.likelihood,
      inherentConsequence: inherent.consequence,
      inherentScore: inherent.score,
      inherentBand: inherent.band,
      inherentExplanation: explanationOf(m, inherent),
      existingControls: v.existingControls,
      residualLikelihood: residual.likelihood,
      residualConsequence: residual.consequence,
      residualScore: residual.score,
      residualBand: residual.band,
      residualExplanation: explanationOf(m, residual),
      treatment: v.treatment,
      nextReviewDate: nextReviewDate(m, residual.band, localDateOf(now)),
      assessedBy: actor.id,
    });
  }

  /** The risk if the caller may read it (404 otherwise) and do `action` on it (403). */
  private async load(id: string, ability: AppAbility, action: 'read' | 'update'): Promise<RiskRow> {
    const r = await this.risks.findById(id);
    if (!r || !ability.can('read', this.riskSubject(r))) throw Problem.notFound('Risken');
    ForbiddenError.from(ability).throwUnlessCan(action, this.riskSubject(r));
    return r;
  }

  private async loadAction(
    riskId: string,
    actionId: string,
    ability: AppAbility,
  ): Promise<{ action: RiskActionEntity; subject: SubjectRecord }> {
    const r = await this.risks.findById(riskId);
    const action = r && (await this.risks.actions.findOneBy({ id: actionId, riskId }));
    const subject = r && action && this.actionSubject(r, action);
    if (!action || !subject || !ability.can('read', subject)) throw Problem.notFound('Åtgärden');
    return { action, subject };
  }

  private riskSubject(r: Pick<RiskRow, 'id' | 'unitId' | 'unitPath' | 'ownerId'>): SubjectRecord {
    return asSubject('Risk', {
      id: r.id,
      unitId: r.unitId,
      unitPath: r.unitPath,
      ownerId: r.ownerId,
    });
  }

  private actionSubject(r: RiskRow, a: { id: string; ownerId: string }): SubjectRecord {
    return asSubject('RiskAction', {
      id: a.id,
      riskId: r.id,
      unitId: r.unitId,
      unitPath: r.unitPath,
      ownerId: a.ownerId,
      riskOwnerId: r.ownerId,
    });
  }

  private async assertUser(id: string, field: string): Promise<void> {
    if (!(await this.risks.activeUserExists(id)))
      throw invalid('Användaren finns inte eller är inaktiv.', field, 'unknown_user');
  }

  private async actionDto(
    riskId: string,
    actionId: string,
    ability: AppAbility,
  ): Promise<RiskActionDto> {
    const r = (await this.risks.findById(riskId))!;
    const a = (await this.risks.actionsOf(riskId)).find((x) => x.id === actionId)!;
    return this.toActionDto(r, a, ability, this.today());
  }

  private toActionDto(
    r: RiskRow,
    a: RiskActionEntity & { ownerName: string | null },
    ability: AppAbility,
    today: LocalDate,
  ): RiskActionDto {
    return {
      id: a.id,
      riskId: a.riskId,
      title: a.title,
      ownerId: a.ownerId,
      ownerName: a.ownerName,
      dueDate: a.dueDate,
      status: a.status as RiskActionStatus,
      overdue: isOpen(a.status) && a.dueDate < today,
      canUpdate: ability.can('update', this.actionSubject(r, a)),
    };
  }

  private score(a: RiskAssessmentEntity, side: 'inherent' | 'residual'): RiskScoreDto {
    return {
      likelihood: a[`${side}Likelihood`],
      consequence: a[`${side}Consequence`],
      score: a[`${side}Score`],
      band: a[`${side}Band`] as StoredBand,
      explanation: a[`${side}Explanation`],
    };
  }

  private assessmentDto(a: RiskAssessmentEntity): Omit<RiskAssessmentDto, 'assessedByName'> {
    return {
      seq: a.seq,
      validFrom: a.validFrom.toISOString(),
      matrixVersion: a.matrixVersion,
      inherent: this.score(a, 'inherent'),
      existingControls: a.existingControls,
      residual: this.score(a, 'residual'),
      treatment: a.treatment as RiskTreatment | null,
      nextReviewDate: a.nextReviewDate,
      assessedBy: a.assessedBy,
    };
  }

  private acceptanceOf(
    r: RiskRow,
    today: LocalDate,
  ): { state: 'none' | 'valid' | 'stale'; reasons: Array<'residual_changed' | 'expired'> } {
    if (!r.acceptance) return { state: 'none', reasons: [] };
    const s = acceptanceState(
      {
        acceptedOn: r.acceptance.acceptedOn as LocalDate,
        expiresOn: r.acceptance.expiresOn as LocalDate,
        residual: storedResidualScore(r.acceptance),
      },
      storedResidualScore(r.assessment),
      today,
    );
    return s.stale ? { state: 'stale', reasons: s.reasons } : { state: 'valid', reasons: [] };
  }

  summary(r: RiskRow, today: LocalDate): RiskSummaryDto {
    const a = r.assessment;
    return {
      id: r.id,
      title: r.title,
      subjectKind: r.subjectKind as RiskSubjectKind,
      contractId: r.contractId,
      contractTitle: r.contractTitle,
      supplierId: r.supplierId,
      supplierName: r.supplierName,
      processCode: r.processCode as UnitProcess | null,
      unitId: r.unitId,
      unitName: r.unitName,
      category: r.category as RiskCategory,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      assessmentSeq: a.seq,
      assessedAt: a.validFrom.toISOString(),
      matrixVersion: a.matrixVersion,
      inherent: this.score(a, 'inherent'),
      residual: this.score(a, 'residual'),
      treatment: a.treatment as RiskTreatment | null,
      nextReviewDate: a.nextReviewDate,
      reviewOverdue: compareLocalDates(a.nextReviewDate as LocalDate, today) < 0,
      acceptanceState: this.acceptanceOf(r, today).state,
      acceptanceExpiresOn: r.acceptance?.expiresOn ?? null,
    };
  }

  private async detail(r: RiskRow, ability: AppAbility): Promise<RiskDetailDto> {
    const today = this.today();
    const [actions, current, findings] = await Promise.all([
      this.risks.actionsOf(r.id),
      this.currentMatrix(),
      this.risks.linkedFindings(
        r.id,
        accessibleWhere(ability, 'read', 'AuditFinding', LINKED_FINDING_COLUMNS),
      ),
    ]);
    let acceptance: RiskAcceptanceDto | null = null;
    if (r.acceptance) {
      const acc = r.acceptance;
      const state = this.acceptanceOf(r, today);
      const m = current.matrix;
      acceptance = {
        id: acc.id,
        state: state.state === 'stale' ? 'stale' : 'valid',
        staleReasons: state.reasons,
        acceptedOn: acc.acceptedOn,
        expiresOn: acc.expiresOn,
        acceptedBy: acc.acceptedBy,
        acceptedByName: await this.risks.userName(acc.acceptedBy),
        motivation: acc.motivation,
        residual: {
          ...storedResidualScore(acc),
          explanation: explanationOf(m, storedResidualScore(acc)),
        },
      };
    }
    const subject = this.riskSubject(r);
    return {
      ...this.summary(r, today),
      description: r.description,
      existingControls: r.assessment.existingControls,
      actions: actions.map((a) => this.toActionDto(r, a, ability, today)),
      acceptance,
      canUpdate: ability.can('update', subject),
      canAccept: ability.can(
        'create',
        asSubject('RiskAcceptance', { riskId: r.id, unitId: r.unitId, unitPath: r.unitPath }),
      ),
      canAddActions: ability.can('create', this.actionSubject(r, { id: '', ownerId: '' })),
      findings,
      matrix: current.dto,
    };
  }
}

/** The assessment values of a create (not given = not assessed) or a patch over `previous`. */
function valuesOf(
  dto: RiskAssessmentInputDto,
  previous: RiskAssessmentEntity | null,
): AssessmentValues {
  const pick = <K extends (typeof ASSESSMENT_FIELDS)[number]>(k: K) => {
    const v = dto[k];
    if (v !== undefined) return v;
    return previous ? (previous[k] as RiskAssessmentInputDto[K]) : null;
  };
  return {
    inherentLikelihood: pick('inherentLikelihood') ?? null,
    inherentConsequence: pick('inherentConsequence') ?? null,
    existingControls: pick('existingControls') ?? null,
    residualLikelihood: pick('residualLikelihood') ?? null,
    residualConsequence: pick('residualConsequence') ?? null,
    treatment: pick('treatment') ?? null,
  };
}

export function isOpen(status: string): boolean {
  return status === 'planerad' || status === 'pagaende';
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function invalid(detail: string, field: string, message: string): Problem {
  return Problem.badRequest(detail, 'validation_failed', [{ field, messages: [message] }]);
}
