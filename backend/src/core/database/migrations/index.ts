import { Foundation1764000000000 } from './1764000000000-foundation';
import { JobsNotify1764100000000 } from './1764100000000-jobs-notify';
import { Files1764100000001 } from './1764100000001-files';
import { Suppliers1764200000000 } from './1764200000000-suppliers';
import { RiskMatrix1764200000001 } from './1764200000001-risk-matrix';
import { Contracts1764300000001 } from './1764300000001-contracts';
import { Cases1764300000000 } from './1764300000000-cases';
import { Risks1764300000050 } from './1764300000050-risks';
import { Audits1764400000000 } from './1764400000000-audits';
import { Guidance1764400000100 } from './1764400000100-guidance';
import { GiftsDeclarations1764400000200 } from './1764400000200-gifts-declarations';
import { RiskHeatmapIndexes1764400000300 } from './1764400000300-risk-heatmap-indexes';
import { ChangeCounters1764400000400 } from './1764400000400-change-counters';
import { Oidc1764500000100 } from './1764500000100-oidc';
import { Throttle1764500000300 } from './1764500000300-throttle';
import { AuditUnit1764500000400 } from './1764500000400-audit-unit';
import { SecondFactor1764500000200 } from './1764500000200-second-factor';

/** Every migration, in order. New features append here. */
export const MIGRATIONS = [
  Foundation1764000000000,
  JobsNotify1764100000000,
  Files1764100000001,
  Suppliers1764200000000,
  RiskMatrix1764200000001,
  Cases1764300000000,
  Contracts1764300000001,
  Risks1764300000050,
  Audits1764400000000,
  Guidance1764400000100,
  GiftsDeclarations1764400000200,
  RiskHeatmapIndexes1764400000300,
  ChangeCounters1764400000400,
  Oidc1764500000100,
  Throttle1764500000300,
  SecondFactor1764500000200,
  AuditUnit1764500000400,
];
