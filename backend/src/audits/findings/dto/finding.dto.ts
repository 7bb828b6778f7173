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
import { RISK_CATEGORIES, type RiskCategory } from '../../../risks/domain/risk-taxonomy';
import {
  CORRECTIVE_ACTION_STATUSES,
  FINDING_DECISIONS,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type CorrectiveActionStatus,
  type FindingDecision,
  type FindingSeverity,
  type FindingStatus,
} from '../../domain/findings';

const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ITEM_ID = /^[A-Za-z0-9_-]{1,16}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const trimOrNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || null : value;

// ---------------------------------------------------------------- outputs

export class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class CorrectiveActionDto {
  @ApiProperty() id: string;
  @ApiProperty() findingId: string;
  @ApiProperty() title: string;
  @ApiProperty() ownerId: string;
  @ApiProperty({ type: String, nullable: true }) ownerName: string | null;
  @ApiProperty({ example: '2026-04-30' }) dueDate: string;
  @ApiProperty({ enum: CORRECTIVE_ACTION_STATUSES }) status: CorrectiveActionStatus;
  @ApiProperty({ type: String, nullable: true }) supplierResponse: string | null;
  @ApiProperty({ enum: FINDING_DECISIONS, nullable: true }) decision: FindingDecision | null;
  @ApiProperty({ type: String, nullable: true, description: "The decision-maker's name/title" })
  decisionBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) verifiedAt: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) verifiedBy: PersonRefDto | null;
  @ApiProperty({ description: 'Not verified and past its due date' }) overdue: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'The caller may update it (as its owner or a controller)' })
  canUpdate: boolean;
  @ApiProperty({
    description: 'The caller may change every field (controller), not only status and response',
  })
  canManage: boolean;
}

export class CloseBlockerDto {
  @ApiProperty({ enum: ['no_corrective_action', 'action_not_verified'] }) code: string;
  @ApiProperty({ type: [String], required: false }) actionIds?: string[];
}

export class FindingPermissionsDto {
  @ApiProperty() canAddAction: boolean;
  @ApiProperty() canVerify: boolean;
  @ApiProperty() canLinkRisk: boolean;
}

export class FindingDto {
  @ApiProperty() id: string;
  @ApiProperty() auditId: string;
  @ApiProperty({ enum: ['pagaende', 'klar', 'signerad'] }) auditStatus: string;
  @ApiProperty() contractId: string;
  @ApiProperty() contractTitle: string;
  @ApiProperty() supplierName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() itemId: string;
  @ApiProperty({ type: Number, nullable: true }) itemNumber: number | null;
  @ApiProperty() itemText: string;
  @ApiProperty({ enum: FINDING_SEVERITIES }) severity: FindingSeverity;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) evidence: string | null;
  @ApiProperty({ enum: FINDING_STATUSES }) status: FindingStatus;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: PersonRefDto }) createdBy: PersonRefDto;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The contract risk it fed' })
  riskId: string | null;
  @ApiProperty({ type: [CorrectiveActionDto] }) actions: CorrectiveActionDto[];
  @ApiProperty({
    type: [CloseBlockerDto],
    description: 'Why it is not closed yet (empty when closed)',
  })
  closeBlockers: CloseBlockerDto[];
  @ApiProperty() version: number;
  @ApiProperty({ type: FindingPermissionsDto }) permissions: FindingPermissionsDto;
}

export class FindingPageDto {
  @ApiProperty({ type: [FindingDto] }) items: FindingDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}

/** An action the caller owns, with what they need to act on it (not the whole finding). */
export class MyCorrectiveActionDto extends CorrectiveActionDto {
  @ApiProperty() contractTitle: string;
  @ApiProperty() supplierName: string;
  @ApiProperty() itemText: string;
  @ApiProperty({ enum: FINDING_SEVERITIES }) severity: FindingSeverity;
  @ApiProperty() findingDescription: string;
  @ApiProperty({ description: 'The caller may also open the finding itself' })
  canReadFinding: boolean;
}

export class MyCorrectiveActionsDto {
  @ApiProperty({ type: [MyCorrectiveActionDto] }) items: MyCorrectiveActionDto[];
}

export class FindingRiskResultDto {
  @ApiProperty() riskId: string;
  @ApiProperty({
    description: 'A new risk was registered (otherwise the existing one was reassessed)',
  })
  created: boolean;
  @ApiProperty({ description: 'The assessment number the risk has now' }) assessmentSeq: number;
}

// ---------------------------------------------------------------- inputs

export class CreateFindingDto {
  @ApiProperty({ example: 'B8', description: 'The checklist item answered avvikelse' })
  @IsString()
  @Matches(ITEM_ID)
  itemId: string;

  @ApiProperty({ enum: FINDING_SEVERITIES })
  @IsIn(FINDING_SEVERITIES)
  severity: FindingSeverity;

  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'description får inte innehålla styrtecken eller < >' })
  description: string;

  @ApiProperty({ required: false, nullable: true, type: String, maxLength: 4000 })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'evidence får inte innehålla styrtecken eller < >' })
  evidence?: string | null;
}

export class ListFindingsQuery {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID()
  auditId?: string;

  @ApiProperty({ required: false, enum: FINDING_STATUSES })
  @IsOptional()
  @IsIn(FINDING_STATUSES)
  status?: FindingStatus;

  @ApiProperty({
    required: false,
    enum: ['true', 'false'],
    description: 'Only findings with an action you own',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';

  @ApiProperty({ required: false, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** Decision fields shared by create and update: a decision needs its decision-maker. */
class DecisionFields {
  @ApiProperty({ required: false, nullable: true, enum: FINDING_DECISIONS })
  @IsOptional()
  @IsIn(FINDING_DECISIONS)
  decision?: FindingDecision | null;

  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    maxLength: 200,
    description: "The decision-maker's name/title",
  })
  @ValidateIf((o: DecisionFields) => o.decisionBy !== undefined && o.decisionBy !== null)
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'decisionBy får inte innehålla styrtecken eller < >' })
  decisionBy?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String, example: '2026-03-10' })
  @ValidateIf((o: DecisionFields) => o.decidedOn !== undefined && o.decidedOn !== null)
  @Matches(DATE, { message: 'decidedOn ska vara ett datum (ÅÅÅÅ-MM-DD)' })
  decidedOn?: string | null;
}

export class CreateCorrectiveActionDto extends DecisionFields {
  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title: string;

  @ApiProperty({ description: 'Who carries it out (any active user)' })
  @IsUUID()
  ownerId: string;

  @ApiProperty({ example: '2026-04-30' })
  @Matches(DATE, { message: 'dueDate ska vara ett datum (ÅÅÅÅ-MM-DD)' })
  dueDate: string;
}

export class UpdateCorrectiveActionDto extends DecisionFields {
  @ApiProperty({
    required: false,
    enum: ['atgardad', 'oppen'],
    description: 'atgardad: reported done (owner or controller); oppen: back to open (controller)',
  })
  @IsOptional()
  @IsIn(['atgardad', 'oppen'])
  status?: 'atgardad' | 'oppen';

  @ApiProperty({ required: false, nullable: true, type: String, maxLength: 4000 })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'supplierResponse får inte innehålla styrtecken eller < >' })
  supplierResponse?: string | null;

  @ApiProperty({ required: false, maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiProperty({ required: false, example: '2026-04-30' })
  @IsOptional()
  @Matches(DATE, { message: 'dueDate ska vara ett datum (ÅÅÅÅ-MM-DD)' })
  dueDate?: string;

  @ApiProperty({ description: 'The version you read (optimistic concurrency)' })
  @IsInt()
  @Min(0)
  version: number;
}

export class VerifyActionDto {
  @ApiProperty({ description: 'The action (status atgardad) to mark verified' })
  @IsUUID()
  actionId: string;
}

export class FindingRiskDto {
  @ApiProperty({ minimum: 1, maximum: 10, description: 'Residual likelihood after the finding' })
  @IsInt()
  @Min(1)
  @Max(10)
  likelihood: number;

  @ApiProperty({ minimum: 1, maximum: 10, description: 'Residual consequence after the finding' })
  @IsInt()
  @Min(1)
  @Max(10)
  consequence: number;

  @ApiProperty({
    required: false,
    enum: RISK_CATEGORIES,
    description:
      'Which welfare-crime risk of the contract (default: its newest one; a new one gets this category, default oserios_leverantor)',
  })
  @IsOptional()
  @IsIn(RISK_CATEGORIES)
  category?: RiskCategory;

  @ApiProperty({ required: false, maxLength: 200, description: 'Title of a new risk' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title?: string;

  @ApiProperty({
    required: false,
    maxLength: 4000,
    description: 'Description of a new risk (default: the finding’s)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'description får inte innehålla styrtecken eller < >' })
  description?: string;

  @ApiProperty({ required: false, description: 'Riskägare of a new risk (default: you)' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}
