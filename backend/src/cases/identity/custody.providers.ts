import { RedactedExportController } from '../export/redacted-export.controller';
import { RedactedExportService } from '../export/redacted-export.service';
import { CaseIdentityController } from './case-identity.controller';
import { IdentityRequestsController } from './identity-requests.controller';
import { IdentityRequestsService } from './identity-requests.service';
import { IdentityRepository } from './identity.repository';

/** Identity custody and the redacted export, wired into CasesModule. */
export const CUSTODY_CONTROLLERS = [
  CaseIdentityController,
  IdentityRequestsController,
  RedactedExportController,
];
export const CUSTODY_PROVIDERS = [
  IdentityRequestsService,
  IdentityRepository,
  RedactedExportService,
];
