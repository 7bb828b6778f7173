import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
  ValidateNested,
} from 'class-validator';
import { FOLLOW_UP_CLASSES, type FollowUpClass } from '../../contracts/domain/contract-classes';
import { AUDIT_ANSWERS, type AuditAnswer } from '../domain/audit-answers';
import type { AuditDueReason, AuditPlanStatus } from '../domain/audit-plan';

const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f<>]*$/u;
const SINGLE_LINE = /^[^\u0000-\u001f<>]+$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
/** May be left out, but not sent as null. */
const Optional = () => ValidateIf((_: object, v: unknown) => v !== undefined);
/** May be left out or null. */
const Nullable = () => ValidateIf((_: object, v: unknown) => v !== undefined && v !== null);

export const AUDIT_STATUSES = ['pagaende', 'klar', 'signerad'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const AUDIT_KINDS = ['planerad', 'adhoc'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const SIGN_OFF_ROLES = ['avtalscontroller', 'chef'] as const;
export type SignOffRole = (typeof SIGN_OFF_ROLES)[number];
export const AUDIT_DUE_REASONS = [
  'class_cadence',
  'risk_not_assessed',
  'risk_hog',
  'risk_mycket_hog',
  'risk_mycket_hog_urgent',
] as const satisfies readonly AuditDueReason[];
export const AUDIT_PLAN_STATUSES = [
  'overdue',
  'due_soon',
  'planned',
] as const satisfies readonly AuditPlanStatus[];

// ---------------------------------------------------------------- shared

export class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

// ---------------------------------------------------------------- checklists

export class ChecklistItemDto {
  @ApiProperty({ maxLength: 16, pattern: '^[A-Za-z0-9_-]{1,16}$', example: 'H28' })
  @IsString()
  @MaxLength(16)
  id: string;

  @ApiProperty({ minimum: 1, maximum: 999 })
  @IsInt()
  @Min(1)
  @Max(999)
  number: number;

  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @Matches(NO_CONTROL, { message: 'text får inte innehålla styrtecken eller < >' })
  text: string;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  @Matches(NO_CONTROL, { message: 'guidance får inte innehålla styrtecken eller < >' })
  guidance: string;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  @Matches(NO_CONTROL, { message: 'evidence får inte innehålla styrtecken eller < >' })
  evidence: string;
}

export class ChecklistSectionDto {
  @ApiProperty({ maxLength: 16, example: 'A' })
  @IsString()
  @MaxLength(16)
  code: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  @Matches(NO_CONTROL, { message: 'title får inte innehålla styrtecken eller < >' })
  title: string;

  @ApiProperty({ type: [ChecklistItemDto], maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  items: ChecklistItemDto[];
}

export class CreateChecklistDto {
  @ApiProperty({
    required: false,
    maxLength: 80,
    pattern: '^[a-z0-9][a-z0-9-]{0,79}$',
    description:
      'An existing template key: the new version is version + 1 of it. Left out: a new template (key made from the title).',
  })
  @Optional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,79}$/)
  key?: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(SINGLE_LINE, { message: 'title får inte innehålla styrtecken eller < >' })
  title: string;

  @ApiProperty({ type: [ChecklistSectionDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChecklistSectionDto)
  sections: ChecklistSectionDto[];
}

export class ChecklistSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['published', 'draft'] }) status: 'published' | 'draft';
  @ApiProperty() itemCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'null for the built-in one' })
  createdBy: PersonRefDto | null;
  @ApiProperty({ description: 'The newest published version of its key' }) current: boolean;
}

export class ChecklistListDto {
  @ApiProperty({ type: [ChecklistSummaryDto] }) items: ChecklistSummaryDto[];
}

export class ChecklistDetailDto extends ChecklistSummaryDto {
  @ApiProperty({ type: [ChecklistSectionDto] }) sections: ChecklistSectionDto[];
}

// ---------------------------------------------------------------- plan

export class AuditPlanQuery {
  @ApiProperty({ required: false, description: 'YYYY-MM-DD; today when left out' })
  @IsOptional()
  @IsString()
  @Matches(DATE)
  from?: string;

  @ApiProperty({ required: false, description: 'YYYY-MM-DD; from + 3 months when left out' })
  @IsOptional()
  @IsString()
  @Matches(DATE)
  to?: string;

  @ApiProperty({ required: false, description: 'Only contracts of this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class AuditPlanItemDto {
  @ApiProperty() contractId: string;
  @ApiProperty() contractTitle: string;
  @ApiProperty() diarienummer: string;
  @ApiProperty() supplierName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: FOLLOW_UP_CLASSES }) followUpClass: FollowUpClass;
  @ApiProperty({ description: 'YYYY-MM-DD' }) dueDate: string;
  @ApiProperty({ enum: AUDIT_DUE_REASONS }) reason: AuditDueReason;
  @ApiProperty({ enum: ['last_audit', 'contract_start'] }) from: 'last_audit' | 'contract_start';
  @ApiProperty({ enum: AUDIT_PLAN_STATUSES }) status: AuditPlanStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Day of the last signed audit' })
  lastAuditOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The newest unsigned audit' })
  openAuditId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Highest current residual band of the contract's risks; null: no risk",
  })
  residualBand: string | null;
}

export class AuditPlanDto {
  @ApiProperty({ type: [AuditPlanItemDto] }) items: AuditPlanItemDto[];
  @ApiProperty({ description: 'YYYY-MM-DD (Europe/Stockholm)' }) today: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}

// ---------------------------------------------------------------- audits

export class CreateAuditDto {
  @ApiProperty()
  @IsUUID()
  contractId: string;

  @ApiProperty({ description: 'The checklist template version (its id); must be current' })
  @IsUUID()
  checklistId: string;

  @ApiProperty({ required: false, enum: AUDIT_KINDS, default: 'planerad' })
  @Optional()
  @IsIn(AUDIT_KINDS)
  kind?: AuditKind;
}

export class ListAuditsQuery {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @ApiProperty({ required: false, enum: AUDIT_STATUSES })
  @IsOptional()
  @IsIn(AUDIT_STATUSES)
  status?: AuditStatus;

  @ApiProperty({ required: false, description: 'Only audits of this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false, maxLength: 200, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class AuditChecklistRefDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() version: number;
}

export class AuditSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() contractId: string;
  @ApiProperty() contractTitle: string;
  @ApiProperty() diarienummer: string;
  @ApiProperty() supplierName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: FOLLOW_UP_CLASSES }) followUpClass: FollowUpClass;
  @ApiProperty({ type: AuditChecklistRefDto }) checklist: AuditChecklistRefDto;
  @ApiProperty({ enum: AUDIT_KINDS }) kind: AuditKind;
  @ApiProperty({ enum: AUDIT_STATUSES }) status: AuditStatus;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: PersonRefDto }) startedBy: PersonRefDto;
  @ApiProperty() answered: number;
  @ApiProperty() total: number;
  @ApiProperty() deviations: number;
  @ApiProperty() openFindings: number;
  @ApiProperty({ type: String, nullable: true, description: 'Day of the last required sign-off' })
  completedOn: string | null;
}

export class ContractAuditPageDto {
  @ApiProperty({ type: [AuditSummaryDto] }) items: AuditSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AuditAttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
}

export class AuditAnswerDto {
  @ApiProperty() itemId: string;
  @ApiProperty({ enum: AUDIT_ANSWERS, nullable: true }) answer: AuditAnswer | null;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, nullable: true }) checkedOn: string | null;
  @ApiProperty({ description: '0 = never saved; send it back with the next save' })
  version: number;
  @ApiProperty({ type: String, nullable: true }) updatedAt: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) updatedBy: PersonRefDto | null;
  @ApiProperty({ type: [AuditAttachmentDto] }) attachments: AuditAttachmentDto[];
}

export class AuditSignOffDto {
  @ApiProperty({ enum: SIGN_OFF_ROLES }) role: SignOffRole;
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty() signedAt: string;
}

export class AuditCompletenessDto {
  @ApiProperty() complete: boolean;
  @ApiProperty() total: number;
  @ApiProperty() answered: number;
  @ApiProperty({ type: [String] }) missing: string[];
}

export class AuditPermissionsDto {
  @ApiProperty() canAnswer: boolean;
  @ApiProperty() canSignOff: boolean;
  @ApiProperty() canCreateFinding: boolean;
}

export class AuditInfluenceReportDto {
  @ApiProperty() itemId: string;
  @ApiProperty() recordedAt: string;
}

export class AuditDetailDto extends AuditSummaryDto {
  @ApiProperty({ description: 'Bumped on every status change' }) version: number;
  @ApiProperty({
    type: ChecklistDetailDto,
    description: 'The template version the audit started with',
  })
  declare checklist: ChecklistDetailDto;
  @ApiProperty({ type: [AuditAnswerDto], description: 'One per template item, in order' })
  answers: AuditAnswerDto[];
  @ApiProperty({ type: [AuditSignOffDto] }) signOffs: AuditSignOffDto[];
  @ApiProperty({ enum: SIGN_OFF_ROLES, isArray: true }) requiredSignOffs: SignOffRole[];
  @ApiProperty({ type: AuditCompletenessDto }) completeness: AuditCompletenessDto;
  @ApiProperty({ type: [String] }) deviationsWithoutFinding: string[];
  @ApiProperty({ type: [AuditInfluenceReportDto] }) influenceReports: AuditInfluenceReportDto[];
  @ApiProperty({ type: AuditPermissionsDto }) permissions: AuditPermissionsDto;
}

export class SaveAnswerDto {
  @ApiProperty({ enum: AUDIT_ANSWERS, nullable: true, description: 'null clears the answer' })
  @ValidateIf((_: object, v: unknown) => v !== null)
  @IsIn(AUDIT_ANSWERS)
  answer: AuditAnswer | null;

  @ApiProperty({ maxLength: 4000, description: 'Evidence note; empty string for none' })
  @IsString()
  @MaxLength(4000)
  @Matches(NO_CONTROL, { message: 'note får inte innehålla styrtecken eller < >' })
  note: string;

  @ApiProperty({
    required: false,
    type: String,
    nullable: true,
    description: 'YYYY-MM-DD, not after today',
  })
  @Nullable()
  @IsString()
  @Matches(DATE)
  checkedOn?: string | null;

  @ApiProperty({ minimum: 0, description: 'The version you read (0 for a never-saved answer)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  version: number;
}
