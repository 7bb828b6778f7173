import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { RISK_BANDS, type RiskBand } from '../domain/risk-matrix';

const TEXT = /^[^\u0000-\u001f<>]*$/u;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class ScaleLevelDto {
  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  level: number;

  @ApiProperty({ maxLength: 60, example: 'Mycket låg' })
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  @Matches(TEXT, { message: 'label får inte innehålla styrtecken eller < >' })
  label: string;

  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @Matches(TEXT, { message: 'description får inte innehålla styrtecken eller < >' })
  description: string;
}

export class BandDefinitionDto {
  @ApiProperty({ enum: RISK_BANDS })
  @IsIn(RISK_BANDS)
  band: RiskBand;

  @ApiProperty({ maxLength: 40, example: 'Hög' })
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  @Matches(TEXT, { message: 'label får inte innehålla styrtecken eller < >' })
  label: string;

  @ApiProperty({ example: '#ef6c00', pattern: '^#[0-9a-fA-F]{6}$' })
  @IsString()
  @Matches(/^#[0-9a-fA-F]{6}$/)
  colour: string;

  @ApiProperty({ maxLength: 40, example: 'orange' })
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  @Matches(TEXT, { message: 'colourName får inte innehålla styrtecken eller < >' })
  colourName: string;

  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @Matches(TEXT, { message: 'guidance får inte innehålla styrtecken eller < >' })
  guidance: string;

  @ApiProperty({ minimum: 1, maximum: 3660 })
  @IsInt()
  @Min(1)
  @Max(3660)
  reviewIntervalDays: number;
}

/** `cells[likelihood - 1][consequence - 1]`: 2–10 rows of 2–10 known bands. */
function IsBandGrid(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBandGrid',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length >= 2 &&
          value.length <= 10 &&
          value.every(
            (row) =>
              Array.isArray(row) &&
              row.length >= 2 &&
              row.length <= 10 &&
              row.every((b) => (RISK_BANDS as readonly unknown[]).includes(b)),
          ),
        defaultMessage: () =>
          `cells måste vara 2–10 rader med 2–10 riskklasser (${RISK_BANDS.join(', ')})`,
      },
    },
    options,
  );
}

/** A whole matrix, as an administrator saves it. The consequence floor is not editable. */
export class SaveRiskMatrixDto {
  @ApiProperty({ description: 'The version the edit started from; a newer one gives 409' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  baseVersion: number;

  @ApiProperty({ type: [ScaleLevelDto], minItems: 2, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ScaleLevelDto)
  likelihood: ScaleLevelDto[];

  @ApiProperty({ type: [ScaleLevelDto], minItems: 2, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ScaleLevelDto)
  consequence: ScaleLevelDto[];

  @ApiProperty({ type: [BandDefinitionDto], minItems: 4, maxItems: 4 })
  @IsArray()
  @ArrayMinSize(4)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => BandDefinitionDto)
  bands: BandDefinitionDto[];

  @ApiProperty({
    description: '`cells[likelihood - 1][consequence - 1]`: the band of each cell',
    type: 'array',
    items: { type: 'array', items: { type: 'string', enum: [...RISK_BANDS] } },
    minItems: 2,
    maxItems: 10,
  })
  @IsBandGrid()
  cells: RiskBand[][];
}

export class RiskMatrixCellDto {
  @ApiProperty() likelihood: number;
  @ApiProperty() consequence: number;
  @ApiProperty({ description: 'likelihood × consequence' }) score: number;
  @ApiProperty({ enum: RISK_BANDS }) band: RiskBand;
}

export class RiskMatrixDto {
  @ApiProperty({ description: 'Version number; the highest is the current matrix' })
  version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [ScaleLevelDto], description: 'Sannolikhet, level 1 first' })
  likelihood: ScaleLevelDto[];
  @ApiProperty({ type: [ScaleLevelDto], description: 'Konsekvens, level 1 first' })
  consequence: ScaleLevelDto[];
  @ApiProperty({ type: [BandDefinitionDto], description: 'Lowest band first' })
  bands: BandDefinitionDto[];
  @ApiProperty({ type: [RiskMatrixCellDto], description: 'Every cell, row by row' })
  cells: RiskMatrixCellDto[];
  @ApiProperty({
    enum: RISK_BANDS,
    description: 'The highest consequence is never below this band (not editable)',
  })
  maxConsequenceFloor: RiskBand;
}

export class RiskMatrixVersionDto {
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: '4 for a 4×4 matrix' }) likelihoodLevels: number;
  @ApiProperty() consequenceLevels: number;
}

/** A starting point for an edit: the default matrix of one size (not a saved version). */
export class RiskMatrixTemplateDto {
  @ApiProperty({ example: '5x5' }) size: string;
  @ApiProperty({ type: [ScaleLevelDto] }) likelihood: ScaleLevelDto[];
  @ApiProperty({ type: [ScaleLevelDto] }) consequence: ScaleLevelDto[];
  @ApiProperty({ type: [BandDefinitionDto] }) bands: BandDefinitionDto[];
  @ApiProperty({ type: [RiskMatrixCellDto] }) cells: RiskMatrixCellDto[];
  @ApiProperty({ enum: RISK_BANDS }) maxConsequenceFloor: RiskBand;
}
