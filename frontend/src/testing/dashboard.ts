import type { DashboardDto } from '../app/dashboard/dashboard.service';

const BAND_OF_SCORE = (score: number): string =>
  score >= 15 ? 'mycket_hog' : score >= 8 ? 'hog' : score >= 4 ? 'medel' : 'lag';

/** A dashboard as `GET /api/dashboard` answers it (notes/dashboard-api.md), for the page specs. */
export function dashboardFixture(patch: Partial<DashboardDto> = {}): DashboardDto {
  const cells = [];
  for (let l = 1; l <= 5; l++)
    for (let c = 1; c <= 5; c++)
      cells.push({
        likelihood: l,
        consequence: c,
        score: l * c,
        count: l === 5 && c === 5 ? 2 : l === 1 && c === 1 ? 3 : 0,
        band: BAND_OF_SCORE(l * c),
      });
  const quarters = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];
  quarters.push('2026-Q4');
  return {
    unit: { id: 'unit-parkering', name: 'Parkering och trafikövervakning' },
    asOf: '2026-11-30',
    scopes: [{ id: 'unit-parkering', name: 'Parkering och trafikövervakning' }],
    riskHeatmap: {
      cells,
      matrixVersion: 2,
      likelihoodLevels: 5,
      consequenceLevels: 5,
      notAssessed: 4,
      outsideMatrix: 0,
    },
    bandCounts: [
      { band: 'lag', count: 3 },
      { band: 'medel', count: 0 },
      { band: 'hog', count: 0 },
      { band: 'mycket_hog', count: 2 },
      { band: 'ej_bedomd', count: 4 },
    ],
    topRisks: {
      total: 5,
      items: [
        {
          id: 'risk-1',
          title: 'Påtryckningar mot parkeringsvakter',
          category: 'otillbörlig_påverkan',
          unitId: 'unit-parkering',
          unitName: 'Parkering och trafikövervakning',
          contractId: null,
          contractTitle: null,
          supplierId: null,
          residual: { likelihood: 5, consequence: 5, score: 25, band: 'mycket_hog' },
          ownerName: 'Per Chef',
          nextReviewOn: '2026-10-01',
          reviewOverdue: true,
        },
      ],
    },
    overdueActions: {
      total: 2,
      items: [
        {
          id: 'action-1',
          kind: 'risk',
          title: 'Rotera vakternas områden',
          riskId: 'risk-1',
          riskTitle: 'Påtryckningar mot parkeringsvakter',
          findingId: null,
          ownerName: 'Anna Persson',
          dueDate: '2026-10-15',
          daysOverdue: 46,
        },
        {
          id: 'action-2',
          kind: 'corrective',
          title: 'Begär in personalliggare',
          riskId: null,
          riskTitle: null,
          findingId: 'finding-1',
          ownerName: 'Kalle Controller',
          dueDate: '2026-11-20',
          daysOverdue: 10,
        },
      ],
    },
    contractsDue: {
      total: 1,
      items: [
        {
          contractId: 'contract-1',
          contractTitle: 'Bevakning av parkeringshus',
          supplierName: 'Vakt & Trygghet AB',
          followUpClass: 'A',
          dueDate: '2026-12-10',
          reason: 'class_cadence',
          status: 'due_soon',
        },
      ],
    },
    staleAcceptances: { total: 0, items: [] },
    riskTrend: quarters.map((quarter, i) => ({
      quarter,
      lag: 3,
      medel: i,
      hog: 1,
      mycket_hog: i > 5 ? 2 : 1,
      ej_bedomd: 4,
    })),
    incidentTrend: quarters.map((quarter, i) =>
      i === 2
        ? { quarter, count: null, suppressed: true, belowK: true }
        : i === 5
          ? { quarter, count: null, suppressed: true, belowK: false }
          : { quarter, count: 10 + i, suppressed: false },
    ),
    incidentTrendOmitted: null,
    k: 5,
    ...patch,
  };
}
