import type { MatrixRow } from '../matrix';
import { contractRows } from './contracts';
import { giftsDeclarationsRows } from './gifts-declarations';
import { riskRows } from './risks';
import { auditRows } from './audits';
import { auditFindingRows } from './audit-findings';
import { casesHandlingRows } from './cases-handling';
import { casesIdentityRows } from './cases-identity';
import { casesReportsRows } from './cases-reports';
import { statisticsRows } from './statistics';
import { guidanceRows } from './guidance';
import { dashboardRows } from './dashboards';
import { secondFactorRows } from './second-factor';
import { oidcRows } from './oidc';

/**
 * The matrix rows of each feature, as functions so they are built after `matrix.ts` has defined
 * its helpers (the rows import them). Add a feature's file here.
 */
export const FEATURE_ROWS: Array<() => MatrixRow[]> = [
  casesHandlingRows,
  casesIdentityRows,
  casesReportsRows,
  statisticsRows,
  contractRows,
  riskRows,
  giftsDeclarationsRows,
  auditRows,
  auditFindingRows,
  guidanceRows,
  dashboardRows,
  secondFactorRows,
  oidcRows,
];
