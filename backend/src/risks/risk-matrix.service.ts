import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { Db } from '../core/database/db';
import { Problem, type FieldError, type ProblemCell } from '../core/errors/problem';
import {
  DEFAULT_RISK_MATRIX,
  RISK_BANDS,
  RISK_MATRIX_4X4,
  validateRiskMatrix,
  type MatrixIssue,
  type RiskMatrix,
} from './domain/risk-matrix';
import {
  RiskMatrixDto,
  RiskMatrixTemplateDto,
  RiskMatrixVersionDto,
  SaveRiskMatrixDto,
} from './dto/risk-matrix.dto';
import { RiskMatrixVersionEntity } from './entities/risk-matrix-version.entity';
import { RiskMatrixRepository } from './risk-matrix.repository';
import { ADVISORY_LOCKS } from '../core/database/advisory-locks';

/** Serialises saves on PostgreSQL so two administrators cannot both build on the same version. */
const RISK_MATRIX_LOCK = ADVISORY_LOCKS.riskMatrix;

function definitionOf(row: RiskMatrixVersionEntity): RiskMatrix {
  return JSON.parse(row.definition) as RiskMatrix;
}

function toDto(row: RiskMatrixVersionEntity): RiskMatrixDto {
  return {
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    ...matrixFields(definitionOf(row)),
  };
}

function matrixFields(m: RiskMatrix): Omit<RiskMatrixDto, 'version' | 'createdAt'> {
  const bands = RISK_BANDS.map((b) => m.bands.find((d) => d.band === b)!);
  return {
    likelihood: m.likelihood.map(({ level, label, description }) => ({
      level,
      label,
      description,
    })),
    consequence: m.consequence.map(({ level, label, description }) => ({
      level,
      label,
      description,
    })),
    bands: bands.map(({ band, label, colour, colourName, guidance, reviewIntervalDays }) => ({
      band,
      label,
      colour,
      colourName,
      guidance,
      reviewIntervalDays,
    })),
    cells: m.cells.flatMap((row, l) =>
      row.map((band, c) => ({
        likelihood: l + 1,
        consequence: c + 1,
        score: (l + 1) * (c + 1),
        band,
      })),
    ),
    maxConsequenceFloor: m.maxConsequenceFloor,
  };
}

/** The cells a matrix issue names, for the problem body. */
function problemCells(issues: MatrixIssue[]): ProblemCell[] {
  return issues.flatMap((i): ProblemCell[] => {
    switch (i.code) {
      case 'matrix_not_monotone':
      case 'matrix_consequence_floor':
      case 'matrix_cell_missing':
        return i.cells.map((c) => ({ ...c, reason: i.code }));
      case 'matrix_shape':
      case 'matrix_label_missing':
      case 'matrix_band_definition':
        return [];
    }
  });
}

/** Field errors for the issues that are about a field rather than a cell. */
function fieldErrors(issues: MatrixIssue[]): FieldError[] {
  return issues.flatMap((i): FieldError[] => {
    switch (i.code) {
      case 'matrix_shape':
        return [{ field: 'cells', messages: [i.code, i.detail] }];
      case 'matrix_label_missing':
        return [
          {
            field: i.scale === 'band' ? `bands.${i.level}` : `${i.scale}.${i.level}`,
            messages: [i.code],
          },
        ];
      case 'matrix_band_definition':
        return [{ field: `bands.${i.band}`, messages: [i.code, i.detail] }];
      case 'matrix_cell_missing':
      case 'matrix_consequence_floor':
      case 'matrix_not_monotone':
        return i.cells.map((c) => ({
          field: `cells.${c.likelihood}.${c.consequence}`,
          messages: [i.code],
        }));
    }
  });
}

@Injectable()
export class RiskMatrixService {
  constructor(
    private readonly matrices: RiskMatrixRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<RiskMatrixDto> {
    const row = await this.matrices.current();
    // The migration creates version 1; a database without it is broken, not empty.
    if (!row) throw Problem.notFound('Riskmatrisen');
    return toDto(row);
  }

  async version(version: number): Promise<RiskMatrixDto> {
    const row = await this.matrices.findByVersion(version);
    if (!row) throw Problem.notFound(`Riskmatrisens version ${version}`);
    return toDto(row);
  }

  /** The default matrices an administrator may start an edit from (5×5 and 4×4). */
  templates(): RiskMatrixTemplateDto[] {
    return [DEFAULT_RISK_MATRIX, RISK_MATRIX_4X4].map((m) => ({
      size: `${m.likelihood.length}x${m.consequence.length}`,
      ...matrixFields(m),
    }));
  }

  async versions(): Promise<RiskMatrixVersionDto[]> {
    return (await this.matrices.list()).map((row) => {
      const m = definitionOf(row);
      return {
        version: row.version,
        createdAt: row.createdAt.toISOString(),
        likelihoodLevels: m.likelihood.length,
        consequenceLevels: m.consequence.length,
      };
    });
  }

  /**
   * Saves a whole matrix as the next version (never overwrites). Checked with the domain rules
   * (shape, labels, bands, monotone cells, the consequence floor — which is not editable).
   */
  async save(dto: SaveRiskMatrixDto, user: AuthUser): Promise<RiskMatrixDto> {
    const matrix: RiskMatrix = {
      likelihood: dto.likelihood.map(({ level, label, description }) => ({
        level,
        label,
        description,
      })),
      consequence: dto.consequence.map(({ level, label, description }) => ({
        level,
        label,
        description,
      })),
      bands: RISK_BANDS.map((b) => dto.bands.find((d) => d.band === b)).flatMap((d) =>
        d
          ? [
              {
                band: d.band,
                label: d.label,
                colour: d.colour,
                colourName: d.colourName,
                guidance: d.guidance,
                reviewIntervalDays: d.reviewIntervalDays,
              },
            ]
          : [],
      ),
      cells: dto.cells.map((row) => [...row]),
      maxConsequenceFloor: DEFAULT_RISK_MATRIX.maxConsequenceFloor,
    };
    const result = validateRiskMatrix(matrix);
    if (!result.ok) {
      const notMonotone = result.issues.some((i) => i.code === 'matrix_not_monotone');
      throw new Problem(
        HttpStatus.BAD_REQUEST,
        notMonotone ? 'matrix_not_monotone' : 'validation_failed',
        notMonotone
          ? 'En högre sannolikhet eller konsekvens får aldrig ge en lägre riskklass. Se de markerade cellerna.'
          : 'Riskmatrisen är inte giltig. Se de markerade fälten och cellerna.',
        { errors: fieldErrors(result.issues), cells: problemCells(result.issues) },
      );
    }
    return this.db.transaction(async () => {
      await this.db.lock(RISK_MATRIX_LOCK);
      const current = await this.matrices.current();
      const from = current?.version ?? 0;
      if (dto.baseVersion !== from)
        throw Problem.conflict(
          `Riskmatrisen har ändrats (version ${from}) sedan du började redigera version ${dto.baseVersion}. Ladda om och gör om ändringen.`,
          'edit_conflict',
        );
      const row = await this.matrices.insert({
        id: randomUUID(),
        version: from + 1,
        definition: JSON.stringify(matrix),
        createdAt: this.clock.now(),
        createdBy: user.id,
      });
      await this.audit.record({
        action: 'risk_matrix.updated',
        actor: user,
        objectType: 'RiskMatrix',
        objectId: String(row.version),
        details: {
          from,
          to: row.version,
          size: `${matrix.likelihood.length}x${matrix.consequence.length}`,
        },
      });
      return toDto(row);
    });
  }
}
