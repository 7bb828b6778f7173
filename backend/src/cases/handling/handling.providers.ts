import { CaseAuditLabels } from './case-audit-labels';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { InboxRepository } from './inbox.repository';

/** The case handler's side (inbox, case view, case work), wired into CasesModule. */
export const HANDLING_CONTROLLERS = [CasesController];
export const HANDLING_PROVIDERS = [CasesService, InboxRepository, CaseAuditLabels];
