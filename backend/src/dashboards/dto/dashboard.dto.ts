import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The bands a residual risk can be in; "ej bedömd" is a state of its own (never shown as low). */
export const DASHBOARD_BANDS = ['lag', 'medel', 'hog', 'mycket_hog', 'ej_bedomd'] as const;
export type DashboardBand = (typeof DASHBOARD_BANDS)[number];

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

// ---------------------------------------------------------------- inputs

export class DashboardQuery {
  @ApiProperty({
    required: false,
    description:
      'A unit (and its subtree) within your RiskReport scope; default the root of your first scope',
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class CommitteeReportQuery {
  @ApiProperty({ description: 'The unit (and its subtree) the report is for' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ description: 'First day of the period, YYYY-MM-DD', example: '2026-01-01' })
  @IsString()
  @Matches(DATE, { message: 'from ska vara ett datum ÅÅÅÅ-MM-DD' })
  from: string;

  @ApiProperty({ description: 'Last day of the period, YYYY-MM-DD (at most three years)' })
  @IsString()
  @Matches(DATE, { message: 'to ska vara ett datum ÅÅÅÅ-MM-DD' })
  to: string;

  @ApiProperty({ enum: REPORT_FORMATS })
  @IsIn(REPORT_FORMATS)
  format: ReportFormat;
}

// ---------------------------------------------------------------- outputs

export class DashboardUnitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class DashboardHeatmapCellDto {
  @ApiProperty() likelihood: number;
  @ApiProperty() consequence: number;
  @ApiProperty() score: number;
  @ApiProperty({ description: 'Band of the cell in the current matrix' }) band: string;
  @ApiProperty() count: number;
}

export class DashboardHeatmapDto {
  @ApiProperty({ type: [DashboardHeatmapCellDto] }) cells: DashboardHeatmapCellDto[];
  @ApiProperty() matrixVersion: number;
  @ApiProperty() likelihoodLevels: number;
  @ApiProperty() consequenceLevels: number;
  @ApiProperty({ description: 'Risks not assessed (never counted as low)' }) notAssessed: number;
  @ApiProperty({ description: 'Assessed on an older matrix with levels outside the current one' })
  outsideMatrix: number;
}

export class BandCountDto {
  @ApiProperty({ enum: DASHBOARD_BANDS }) band: DashboardBand;
  @ApiProperty() count: number;
}

export class DashboardResidualDto {
  @ApiProperty() likelihood: number;
  @ApiProperty() consequence: number;
  @ApiProperty() score: number;
  @ApiProperty() band: string;
}

export class DashboardRiskDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() category: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, nullable: true }) contractId: string | null;
  @ApiProperty({ type: String, nullable: true }) contractTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierId: string | null;
  @ApiProperty({ type: DashboardResidualDto, nullable: true })
  residual: DashboardResidualDto | null;
  @ApiProperty({ type: String, nullable: true }) ownerName: string | null;
  @ApiProperty({ type: String, nullable: true }) nextReviewOn: string | null;
  @ApiProperty() reviewOverdue: boolean;
}

export class DashboardRiskListDto {
  @ApiProperty({ description: 'Assessed risks of the unit you may read' }) total: number;
  @ApiProperty({ type: [DashboardRiskDto], description: 'The ten highest residual scores' })
  items: DashboardRiskDto[];
}

export class DashboardActionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['risk', 'corrective'] }) kind: 'risk' | 'corrective';
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) riskId: string | null;
  @ApiProperty({ type: String, nullable: true }) riskTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) findingId: string | null;
  @ApiProperty({ type: String, nullable: true }) ownerName: string | null;
  @ApiProperty() dueDate: string;
  @ApiProperty() daysOverdue: number;
}

export class DashboardActionListDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [DashboardActionDto], description: 'The ten oldest' })
  items: DashboardActionDto[];
}

export class DashboardContractDueDto {
  @ApiProperty() contractId: string;
  @ApiProperty() contractTitle: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ enum: ['A', 'B', 'C'] }) followUpClass: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({
    enum: [
      'class_cadence',
      'risk_not_assessed',
      'risk_hog',
      'risk_mycket_hog',
      'risk_mycket_hog_urgent',
    ],
  })
  reason: string;
  @ApiProperty({ enum: ['overdue', 'due_soon'] }) status: 'overdue' | 'due_soon';
}

export class DashboardContractDueListDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [DashboardContractDueDto], description: 'The ten earliest' })
  items: DashboardContractDueDto[];
}

export class DashboardStaleAcceptanceDto {
  @ApiProperty() riskId: string;
  @ApiProperty() riskTitle: string;
  @ApiProperty() acceptedByName: string;
  @ApiProperty({ description: 'When the acceptance was recorded (ISO timestamp)' })
  acceptedAt: string;
  @ApiProperty({ type: String, nullable: true }) expiresOn: string | null;
  @ApiProperty({
    enum: ['expired', 'residual_changed'],
    description: 'residual_changed when the residual changed (whether or not it also expired)',
  })
  reason: 'expired' | 'residual_changed';
}

export class DashboardStaleAcceptanceListDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [DashboardStaleAcceptanceDto] }) items: DashboardStaleAcceptanceDto[];
}

export class RiskTrendPointDto {
  @ApiProperty({ example: '2026-Q1' }) quarter: string;
  @ApiProperty() lag: number;
  @ApiProperty() medel: number;
  @ApiProperty() hog: number;
  @ApiProperty() mycket_hog: number;
  @ApiProperty() ej_bedomd: number;
}

export class IncidentTrendPointDto {
  @ApiProperty({ example: '2026-Q1' }) quarter: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' })
  count: number | null;
  @ApiProperty({ description: 'Hidden by small-cell protection (shown as "< k")' })
  suppressed: boolean;
  @ApiProperty({
    required: false,
    description:
      'With suppressed: true when the hidden number is under k ("< k"); false when it is k or more but contains a small count ("skyddat")',
  })
  belowK?: boolean;
}

export class DashboardDto {
  @ApiProperty({ type: DashboardUnitDto }) unit: DashboardUnitDto;
  @ApiProperty({ description: 'Today (YYYY-MM-DD): what the panels are as of' }) asOf: string;
  @ApiProperty({ type: [DashboardUnitDto], description: 'The roots of your RiskReport scopes' })
  scopes: DashboardUnitDto[];
  @ApiProperty({ type: DashboardHeatmapDto, description: 'Residual, current assessments' })
  riskHeatmap: DashboardHeatmapDto;
  @ApiProperty({ type: [BandCountDto], description: 'Residual band of the current assessments' })
  bandCounts: BandCountDto[];
  @ApiProperty({ type: DashboardRiskListDto }) topRisks: DashboardRiskListDto;
  @ApiProperty({ type: DashboardActionListDto }) overdueActions: DashboardActionListDto;
  @ApiProperty({
    type: DashboardContractDueListDto,
    description: 'Overdue or due within 30 days',
  })
  contractsDue: DashboardContractDueListDto;
  @ApiProperty({ type: DashboardStaleAcceptanceListDto })
  staleAcceptances: DashboardStaleAcceptanceListDto;
  @ApiProperty({
    type: [RiskTrendPointDto],
    description: 'Eight quarters: residual bands as of each quarter end (today for the current)',
  })
  riskTrend: RiskTrendPointDto[];
  @ApiProperty({
    type: [IncidentTrendPointDto],
    description:
      'Eight quarters from the de-identified facts, small-cell protected; empty when omitted (see incidentTrendOmitted)',
  })
  incidentTrend: IncidentTrendPointDto[];
  @ApiProperty({
    enum: ['not_readable', 'below_department'],
    nullable: true,
    type: String,
    description:
      'Why incidentTrend is empty: you may not read incident statistics, or the unit is an enhet (incidents are counted per department)',
  })
  incidentTrendOmitted: 'not_readable' | 'below_department' | null;
  @ApiProperty({ description: 'The smallest incident count shown (k)' }) k: number;
}
