import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

export class IncidentHeatmapQuery {
  @ApiPropertyOptional({ description: 'Only departments in this unit’s subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    description: 'First quarter, e.g. 2025-Q1 (default: 7 quarters before `to`)',
  })
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/)
  from?: string;

  @ApiPropertyOptional({ description: 'Last quarter, e.g. 2026-Q4 (default: the current quarter)' })
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/)
  to?: string;

  @ApiPropertyOptional({
    enum: ['department', 'quarter'],
    description: 'Columns (default department)',
  })
  @IsOptional()
  @IsIn(['department', 'quarter'])
  by?: 'department' | 'quarter';
}

export class HeatmapColumnDto {
  @ApiProperty({ description: 'Department id, or the quarter (2026-Q1)' })
  id: string;
  @ApiProperty({ description: 'Department name, or the quarter' })
  label: string;
}

/** A published number: `count`, or `suppressed: true` (with `belowK` when the number is under k). */
class PublishedDto {
  @ApiPropertyOptional({ description: 'Absent when suppressed' })
  count?: number;
  @ApiPropertyOptional({ description: 'True when the number is hidden (small-cell protection)' })
  suppressed?: boolean;
  @ApiPropertyOptional({
    description:
      'With suppressed: true when the hidden number is under k ("< k"), false when it is hidden because it contains a small count',
  })
  belowK?: boolean;
}

export class HeatmapCellDto extends PublishedDto {
  @ApiProperty()
  category: string;
  @ApiProperty({ description: 'Column id (department id or quarter)' })
  column: string;
}

export class HeatmapRowTotalDto extends PublishedDto {
  @ApiProperty()
  category: string;
}

export class HeatmapColumnTotalDto extends PublishedDto {
  @ApiProperty()
  column: string;
}

export class HeatmapTotalDto extends PublishedDto {}

export class IncidentHeatmapDto {
  @ApiProperty({ description: 'Smallest count shown; smaller ones are suppressed' })
  k: number;
  @ApiProperty({ enum: ['department', 'quarter'] })
  by: 'department' | 'quarter';
  @ApiProperty()
  from: string;
  @ApiProperty()
  to: string;
  @ApiProperty({
    type: [String],
    description: 'Category codes (rows), every category of the taxonomy',
  })
  rows: string[];
  @ApiProperty({ type: [HeatmapColumnDto] })
  columns: HeatmapColumnDto[];
  @ApiProperty({ type: [HeatmapCellDto] })
  cells: HeatmapCellDto[];
  @ApiProperty({ type: [HeatmapRowTotalDto] })
  rowTotals: HeatmapRowTotalDto[];
  @ApiProperty({ type: [HeatmapColumnTotalDto] })
  columnTotals: HeatmapColumnTotalDto[];
  @ApiProperty({ type: HeatmapTotalDto })
  total: HeatmapTotalDto;
}
