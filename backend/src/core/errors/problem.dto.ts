import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemCode } from './problem';

export class ProblemCellRefDto {
  @ApiProperty() likelihood: number;
  @ApiProperty() consequence: number;
  @ApiProperty() band: string;
}

/** A risk-matrix cell named by a problem (matrix_not_monotone, validation_failed). */
export class ProblemCellDto {
  @ApiProperty() likelihood: number;
  @ApiProperty() consequence: number;
  @ApiProperty({ required: false }) band?: string;
  @ApiProperty({
    required: false,
    description: 'matrix_not_monotone, matrix_consequence_floor or matrix_cell_missing',
  })
  reason?: string;
  @ApiProperty({
    required: false,
    type: ProblemCellRefDto,
    description: 'The neighbour (lower likelihood or consequence) the cell is below',
  })
  lowerThan?: ProblemCellRefDto;
}

export class FieldErrorDto {
  @ApiProperty() field: string;
  @ApiProperty({ type: [String], description: 'Validation messages or machine-readable reasons' })
  messages: string[];
}

/** RFC 9457 problem details, as sent with every error. */
export class ProblemDto {
  @ApiProperty() type: string;
  @ApiProperty() title: string;
  @ApiProperty() status: number;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'validation_failed' })
  code: ProblemCode;
  @ApiProperty({ required: false, description: 'Human-readable explanation (Swedish)' })
  detail?: string;
  @ApiProperty({ required: false }) instance?: string;
  @ApiProperty({ required: false }) requestId?: string;
  @ApiProperty({ required: false, type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiProperty({ required: false }) retryAfterSeconds?: number;
  @ApiProperty({
    required: false,
    type: [String],
    description:
      'unit_in_use: the kinds of data keeping the unit in use that the reader may see (no counts)',
    example: ['children', 'users'],
  })
  inUse?: string[];
  @ApiProperty({
    required: false,
    type: [ProblemCellDto],
    description: 'Risk matrix: the cells that break a rule',
  })
  cells?: ProblemCellDto[];
  @ApiProperty({
    required: false,
    description: 'edit_conflict of a versioned object (a case): the version it has now',
  })
  currentVersion?: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'edit_conflict of an audit answer: the stored value { answer, note, checkedOn, version, updatedBy, updatedAt }',
  })
  current?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'edit_conflict of an audit answer: what you sent { answer, note, checkedOn }',
  })
  yours?: Record<string, unknown>;
  @ApiProperty({
    required: false,
    type: [String],
    description: 'audit_incomplete: the unanswered checklist item ids',
  })
  missing?: string[];
  @ApiProperty({
    required: false,
    type: [String],
    description: 'deviation_without_finding: items answered avvikelse without a finding',
  })
  itemIds?: string[];
  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'checklist_invalid: the issues found in the template ({ code, … })',
  })
  issues?: Array<Record<string, unknown>>;
}
