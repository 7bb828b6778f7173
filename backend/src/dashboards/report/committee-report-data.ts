import type { LocalDate } from '../../core/domain/local-date';
import type {
  BandCountDto,
  DashboardActionListDto,
  DashboardContractDueListDto,
  DashboardHeatmapDto,
  DashboardRiskListDto,
  DashboardStaleAcceptanceListDto,
  IncidentTrendPointDto,
  RiskTrendPointDto,
} from '../dto/dashboard.dto';

/** Everything the committee report shows (read by DashboardsService, laid out by pdf/xlsx). */
export interface CommitteeReportData {
  unit: { id: string; name: string };
  from: LocalDate;
  to: LocalDate;
  /** The day the risk register is shown as of: the end of the period, or today if earlier. */
  asOf: LocalDate;
  /** Today: contracts due are computed from today's audit plan. */
  today: LocalDate;
  generatedAt: Date;
  /** The generating user's name (nothing else about them). */
  generatedBy: string;
  /** Band definitions of the current matrix: Swedish label and colour. */
  bands: Array<{ band: string; label: string; colour: string }>;
  likelihoodLabels: string[];
  consequenceLabels: string[];
  residual: DashboardHeatmapDto;
  inherent: DashboardHeatmapDto;
  bandCounts: BandCountDto[];
  riskTrend: RiskTrendPointDto[];
  topRisks: DashboardRiskListDto;
  overdueActions: DashboardActionListDto;
  staleAcceptances: DashboardStaleAcceptanceListDto;
  contractsDue: DashboardContractDueListDto;
  /** Incidents per quarter of the period, small-cell protected. */
  incidents: IncidentTrendPointDto[];
  incidentTotal: { count: number | null; suppressed: boolean; belowK?: boolean };
  /** Why there are no incident figures (the section says so), or null. */
  incidentsOmitted: 'not_readable' | 'below_department' | null;
  k: number;
}
