import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { SECTORS, type Sector } from '../../contracts/domain/contract-classes';
import { RISK_BANDS } from '../domain/risk-matrix';
import { NOT_ASSESSED, type StoredBand } from '../domain/risk-scoring';
import {
  RISK_ACTION_STATUSES,
  RISK_CATEGORIES,
  RISK_SUBJECT_KINDS,
  RISK_TREATMENTS,
  UNIT_PROCESSES,
  type RiskActionStatus,
  type RiskCategory,
  type RiskSubjectKind,
  type RiskTreatment,
  type UnitProcess,
} from '../domain/risk-taxonomy';
import { RiskMatrixDto } from './risk-matrix.dto';

const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const trimOrNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || null : value;
/** May be left out, but not sent as null. */
const Optional = () => ValidateIf((_: object, v: unknown) => v !== undefined);
/** May be left out or null. */
const Nullable = () => ValidateIf((_: object, v: unknown) => v !== undefined && v !== null);

export const STORED_BANDS = [...RISK_BANDS, NOT_ASSESSED] as const;
export const HEATMAP_KINDS = ['inherent', 'residual'] as const;
export type HeatmapKind = (typeof HEATMAP_KINDS)[number];
export const ACCEPTANCE_FILTERS = ['stale', 'valid', 'none'] as const;
export type AcceptanceFilter = (typeof ACCEPTANCE_FILTERS)[number];
export const ACCEPTANCE_STATES = ['none', 'valid', 'stale'] as const;
export type AcceptanceStateCode = (typeof ACCEPTANCE_STATES)[number];

// ---------------------------------------------------------------- responses

export class RiskScoreDto {
  @ApiProperty({ type: Number, nullable: true }) likelihood: number | null;
  @ApiProperty({ type: Number, nullable: true }) consequence: number | null;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ enum: STORED_BANDS, description: '`ej_bedomd` when not assessed' })
  band: StoredBand;
  @ApiProperty({ example: '4 × 5 = 20 → Mycket hög' }) explanation: string;
}

export class RiskAcceptanceDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['valid', 'stale'] }) state: 'valid' | 'stale';
  @ApiProperty({ enum: ['residual_changed', 'expired'], isArray: true })
  staleReasons: Array<'residual_changed' | 'expired'>;
  @ApiProperty() acceptedOn: string;
  @ApiProperty() expiresOn: string;
  @ApiProperty() acceptedBy: string;
  @ApiProperty({ type: String, nullable: true }) acceptedByName: string | null;
  @ApiProperty() motivation: string;
  @ApiProperty({ type: RiskScoreDto, description: 'The residual as accepted' })
  residual: RiskScoreDto;
}

export class RiskSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: RISK_SUBJECT_KINDS }) subjectKind: RiskSubjectKind;
  @ApiProperty({ type: String, nullable: true }) contractId: string | null;
  @ApiProperty({ type: String, nullable: true }) contractTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierId: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierName: string | null;
  @ApiProperty({ enum: UNIT_PROCESSES, nullable: true }) processCode: UnitProcess | null;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: RISK_CATEGORIES }) category: RiskCategory;
  @ApiProperty() ownerId: string;
  @ApiProperty({ type: String, nullable: true }) ownerName: string | null;
  @ApiProperty({ description: 'Seq of the assessment shown (as of the date asked for)' })
  assessmentSeq: number;
  @ApiProperty({ description: 'When that assessment was made' }) assessedAt: string;
  @ApiProperty() matrixVersion: number;
  @ApiProperty({ type: RiskScoreDto }) inherent: RiskScoreDto;
  @ApiProperty({ type: RiskScoreDto }) residual: RiskScoreDto;
  @ApiProperty({ enum: RISK_TREATMENTS, nullable: true }) treatment: RiskTreatment | null;
  @ApiProperty({ description: 'YYYY-MM-DD, follows the residual band' }) nextReviewDate: string;
  @ApiProperty({ description: 'The review date has passed' }) reviewOverdue: boolean;
  @ApiProperty({ enum: ACCEPTANCE_STATES }) acceptanceState: AcceptanceStateCode;
  @ApiProperty({ type: String, nullable: true }) acceptanceExpiresOn: string | null;
}

export class RiskPageDto {
  @ApiProperty({ type: [RiskSummaryDto] }) items: RiskSummaryDto[];
  @ApiProperty({ description: 'Risks matching the filters (all pages)' }) total: number;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD the list is as of' })
  asOf: string | null;
}

export class RiskActionDto {
  @ApiProperty() id: string;
  @ApiProperty() riskId: string;
  @ApiProperty() title: string;
  @ApiProperty() ownerId: string;
  @ApiProperty({ type: String, nullable: true }) ownerName: string | null;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: RISK_ACTION_STATUSES }) status: RiskActionStatus;
  @ApiProperty({ description: 'Due date passed and not done or cancelled' }) overdue: boolean;
  @ApiProperty({ description: 'The caller may change it' }) canUpdate: boolean;
}

/** An action in the list of the caller's own actions, with the risk it belongs to. */
export class MyRiskActionDto extends RiskActionDto {
  @ApiProperty() riskTitle: string;
  @ApiProperty({ description: 'The caller may open the risk itself' }) canReadRisk: boolean;
}

export class RiskAssessmentDto {
  @ApiProperty() seq: number;
  @ApiProperty() validFrom: string;
  @ApiProperty() matrixVersion: number;
  @ApiProperty({ type: RiskScoreDto }) inherent: RiskScoreDto;
  @ApiProperty({ type: String, nullable: true }) existingControls: string | null;
  @ApiProperty({ type: RiskScoreDto }) residual: RiskScoreDto;
  @ApiProperty({ enum: RISK_TREATMENTS, nullable: true }) treatment: RiskTreatment | null;
  @ApiProperty() nextReviewDate: string;
  @ApiProperty() assessedBy: string;
  @ApiProperty({ type: String, nullable: true }) assessedByName: string | null;
}

/** An audit finding (issue 8) that fed this risk. */
export class RiskLinkedFindingDto {
  @ApiProperty() id: string;
  @ApiProperty() auditId: string;
  @ApiProperty({ enum: ['mindre', 'vasentlig', 'allvarlig'] }) severity: string;
  @ApiProperty({ enum: ['oppen', 'stangd'] }) status: string;
}

export class RiskDetailDto extends RiskSummaryDto {
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) existingControls: string | null;
  @ApiProperty({ type: [RiskActionDto] }) actions: RiskActionDto[];
  @ApiProperty({ type: RiskAcceptanceDto, nullable: true }) acceptance: RiskAcceptanceDto | null;
  @ApiProperty({ description: 'The caller may reassess and edit the risk' }) canUpdate: boolean;
  @ApiProperty({ description: 'The caller may accept the residual (chef over the unit)' })
  canAccept: boolean;
  @ApiProperty({ description: 'The caller may add actions' }) canAddActions: boolean;
  @ApiProperty({
    type: [RiskLinkedFindingDto],
    description: 'Audit findings linked to the risk (those the caller may read)',
  })
  findings: RiskLinkedFindingDto[];
  @ApiProperty({ type: RiskMatrixDto, description: 'The current matrix (a reassessment uses it)' })
  matrix: RiskMatrixDto;
}

export class RiskHeatmapCellDto {
  @ApiProperty() likelihood: number;
  @ApiProperty() consequence: number;
  @ApiProperty() score: number;
  @ApiProperty({ enum: RISK_BANDS }) band: string;
  @ApiProperty() count: number;
}

export class RiskHeatmapDto {
  @ApiProperty({ enum: HEATMAP_KINDS }) kind: HeatmapKind;
  @ApiProperty({ type: String, nullable: true }) asOf: string | null;
  @ApiProperty({ description: 'Bands come from this (current) matrix version' })
  matrixVersion: number;
  @ApiProperty() likelihoodLevels: number;
  @ApiProperty() consequenceLevels: number;
  @ApiProperty({ type: [RiskHeatmapCellDto] }) cells: RiskHeatmapCellDto[];
  @ApiProperty({ description: 'Risks of the filter that are not assessed (never counted as low)' })
  notAssessed: number;
  @ApiProperty({ description: 'Assessed on an older matrix with levels outside the current one' })
  outsideMatrix: number;
  @ApiProperty() total: number;
}

// ---------------------------------------------------------------- inputs

/** The assessed values: both levels of a side null (or left out on create) = not assessed. */
export class RiskAssessmentInputDto {
  @ApiProperty({ required: false, type: Number, nullable: true, minimum: 1, maximum: 10 })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(10)
  inherentLikelihood?: number | null;

  @ApiProperty({ required: false, type: Number, nullable: true, minimum: 1, maximum: 10 })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(10)
  inherentConsequence?: number | null;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 4000 })
  @Transform(trimOrNull)
  @Nullable()
  @IsString()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'existingControls får inte innehålla styrtecken eller < >' })
  existingControls?: string | null;

  @ApiProperty({ required: false, type: Number, nullable: true, minimum: 1, maximum: 10 })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(10)
  residualLikelihood?: number | null;

  @ApiProperty({ required: false, type: Number, nullable: true, minimum: 1, maximum: 10 })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(10)
  residualConsequence?: number | null;

  @ApiProperty({ required: false, enum: RISK_TREATMENTS, nullable: true })
  @Nullable()
  @IsIn(RISK_TREATMENTS)
  treatment?: RiskTreatment | null;
}

export class CreateRiskDto extends RiskAssessmentInputDto {
  @ApiProperty({ enum: RISK_SUBJECT_KINDS })
  @IsIn(RISK_SUBJECT_KINDS)
  subjectKind: RiskSubjectKind;

  @ApiProperty({ required: false, description: 'For subject kind avtal' })
  @Optional()
  @IsUUID()
  contractId?: string;

  @ApiProperty({ required: false, description: 'For subject kind leverantor' })
  @Optional()
  @IsUUID()
  supplierId?: string;

  @ApiProperty({ required: false, enum: UNIT_PROCESSES, description: 'For subject kind process' })
  @Optional()
  @IsIn(UNIT_PROCESSES)
  processCode?: UnitProcess;

  @ApiProperty({
    required: false,
    description: 'The unit (scope); for a contract risk it is the contract’s and may be left out',
  })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ enum: RISK_CATEGORIES })
  @IsIn(RISK_CATEGORIES)
  category: RiskCategory;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title: string;

  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'description får inte innehålla styrtecken eller < >' })
  description: string;

  @ApiProperty({ description: 'Riskägare (a user id)' })
  @IsUUID()
  ownerId: string;
}

/**
 * A change. Title, description, category and owner change the risk; any assessment field makes a
 * new assessment (the fields left out keep their previous values). `baseSeq` must be the seq of
 * the assessment the edit started from (409 `edit_conflict` otherwise).
 */
export class UpdateRiskDto extends RiskAssessmentInputDto {
  @ApiProperty({ description: 'The assessment seq the edit is based on' })
  @IsInt()
  @Min(1)
  baseSeq: number;

  @ApiProperty({ required: false, enum: RISK_CATEGORIES })
  @Optional()
  @IsIn(RISK_CATEGORIES)
  category?: RiskCategory;

  @ApiProperty({ required: false, maxLength: 200 })
  @Transform(trim)
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title?: string;

  @ApiProperty({ required: false, maxLength: 4000 })
  @Transform(trim)
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'description får inte innehålla styrtecken eller < >' })
  description?: string;

  @ApiProperty({ required: false })
  @Optional()
  @IsUUID()
  ownerId?: string;
}

export class AcceptRiskDto {
  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'motivation får inte innehålla styrtecken eller < >' })
  motivation: string;

  @ApiProperty({ description: 'YYYY-MM-DD, after today' })
  @IsString()
  @Matches(DATE)
  expiresOn: string;
}

export class CreateRiskActionDto {
  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title: string;

  @ApiProperty()
  @IsUUID()
  ownerId: string;

  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsString()
  @Matches(DATE)
  dueDate: string;

  @ApiProperty({
    required: false,
    enum: RISK_ACTION_STATUSES,
    description: 'planerad when left out',
  })
  @Optional()
  @IsIn(RISK_ACTION_STATUSES)
  status?: RiskActionStatus;
}

export class UpdateRiskActionDto {
  @ApiProperty({ required: false, maxLength: 300 })
  @Transform(trim)
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title?: string;

  @ApiProperty({ required: false })
  @Optional()
  @IsUUID()
  ownerId?: string;

  @ApiProperty({ required: false, description: 'YYYY-MM-DD' })
  @Optional()
  @IsString()
  @Matches(DATE)
  dueDate?: string;

  @ApiProperty({ required: false, enum: RISK_ACTION_STATUSES })
  @Optional()
  @IsIn(RISK_ACTION_STATUSES)
  status?: RiskActionStatus;
}

/** Filters shared by the register list and the heatmap. */
export class RiskFilterQuery {
  @ApiProperty({ required: false, description: 'A unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false, enum: RISK_CATEGORIES })
  @IsOptional()
  @IsIn(RISK_CATEGORIES)
  category?: RiskCategory;

  @ApiProperty({ required: false, enum: SECTORS, description: 'The contract’s sector' })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @ApiProperty({ required: false, description: 'The supplier’s own risks and its contracts’' })
  @IsOptional()
  @IsUUID()
  supplierId?: string;

  @ApiProperty({ required: false, enum: RISK_SUBJECT_KINDS })
  @IsOptional()
  @IsIn(RISK_SUBJECT_KINDS)
  subjectKind?: RiskSubjectKind;

  @ApiProperty({ required: false, enum: HEATMAP_KINDS, description: 'residual when left out' })
  @IsOptional()
  @IsIn(HEATMAP_KINDS)
  kind?: HeatmapKind;

  @ApiProperty({ required: false, description: 'YYYY-MM-DD: the register as it stood that day' })
  @IsOptional()
  @IsString()
  @Matches(DATE)
  asOf?: string;
}

export class ListRisksQuery extends RiskFilterQuery {
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: 10,
    description: 'With consequence: one heatmap cell (of `kind`)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  likelihood?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  consequence?: number;

  @ApiProperty({ required: false, enum: STORED_BANDS, description: 'Band of `kind`' })
  @IsOptional()
  @IsIn(STORED_BANDS)
  band?: StoredBand;

  @ApiProperty({ required: false, enum: ACCEPTANCE_FILTERS })
  @IsOptional()
  @IsIn(ACCEPTANCE_FILTERS)
  acceptance?: AcceptanceFilter;

  @ApiProperty({ required: false, enum: ['true'], description: 'Only risks you are riskägare of' })
  @IsOptional()
  @IsIn(['true'])
  mine?: 'true';

  @ApiProperty({
    required: false,
    enum: ['true'],
    description: 'Only risks past their review date',
  })
  @IsOptional()
  @IsIn(['true'])
  reviewOverdue?: 'true';

  @ApiProperty({ required: false, minimum: 1, maximum: 100, description: '25 when left out' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiProperty({ required: false, minimum: 0, maximum: 100000, description: '0 when left out' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  offset?: number;
}

export class RiskPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() unitName: string;
}

export class RiskPeopleQuery {
  @ApiProperty({ required: false, maxLength: 100, description: 'Part of a name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(trim)
  q?: string;
}
