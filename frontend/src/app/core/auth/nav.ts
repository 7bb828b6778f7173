import type { CanFn } from './ability';

export interface NavEntry {
  /** Router path. */
  path: string;
  /** Translation key of the label. */
  label: string;
  /** Translation key of the one-line description shown on the start page. */
  description: string;
  /** Registered SVG icon name. */
  icon: string;
  exact: boolean;
}

const START: NavEntry = {
  path: '/',
  label: 'nav.start',
  description: 'nav.startDescription',
  icon: 'home',
  exact: true,
};
const PROFILE: NavEntry = {
  path: '/min-sida',
  label: 'nav.profile',
  description: 'nav.profileDescription',
  icon: 'person',
  exact: false,
};
const REPORT: NavEntry = {
  path: '/rapportera',
  label: 'report.nav',
  description: 'report.navDescription',
  icon: 'edit',
  exact: false,
};
const MY_REPORTS: NavEntry = {
  path: '/mina-rapporter',
  label: 'myReports.nav',
  description: 'myReports.navDescription',
  icon: 'lock',
  exact: false,
};
const ORG: NavEntry = {
  path: '/admin/organisation',
  label: 'nav.organisation',
  description: 'nav.organisationDescription',
  icon: 'account_tree',
  exact: false,
};
const USERS: NavEntry = {
  path: '/admin/anvandare',
  label: 'nav.users',
  description: 'nav.usersDescription',
  icon: 'group',
  exact: false,
};
const RISK_MATRIX: NavEntry = {
  path: '/admin/riskmatris',
  label: 'nav.riskMatrix',
  description: 'nav.riskMatrixDescription',
  icon: 'grid_on',
  exact: false,
};
const SUPPLIERS: NavEntry = {
  path: '/leverantorer',
  label: 'suppliers.nav',
  description: 'suppliers.navDescription',
  icon: 'business',
  exact: false,
};
const CONTRACTS: NavEntry = {
  path: '/avtal',
  label: 'contracts.nav',
  description: 'contracts.navDescription',
  icon: 'description',
  exact: false,
};
const RISKS: NavEntry = {
  path: '/risker',
  label: 'risks.nav',
  description: 'risks.navDescription',
  icon: 'warning',
  exact: false,
};
const AUDITS: NavEntry = {
  path: '/uppfoljning',
  label: 'audits.nav',
  description: 'audits.navDescription',
  icon: 'check_circle',
  exact: false,
};
const CASES: NavEntry = {
  path: '/arenden',
  label: 'cases.nav',
  description: 'cases.navDescription',
  icon: 'shield',
  exact: false,
};
const IDENTITY_REQUESTS: NavEntry = {
  path: '/identitetsbegaran',
  label: 'identityRequests.nav',
  description: 'identityRequests.navDescription',
  icon: 'key',
  exact: false,
};
const STATISTICS: NavEntry = {
  path: '/statistik',
  label: 'statistics.nav',
  description: 'statistics.navDescription',
  icon: 'bar_chart',
  exact: false,
};
const DASHBOARD: NavEntry = {
  path: '/oversikt',
  label: 'dashboard.nav',
  description: 'dashboard.navDescription',
  icon: 'dashboard',
  exact: false,
};
const GUIDANCE: NavEntry = {
  path: '/stodmaterial',
  label: 'guidance.nav',
  description: 'guidance.navDescription',
  icon: 'menu_book',
  exact: false,
};
const GIFTS: NavEntry = {
  path: '/gavor',
  label: 'gifts.nav',
  description: 'gifts.navDescription',
  icon: 'card_giftcard',
  exact: false,
};
const DECLARATIONS: NavEntry = {
  path: '/jav',
  label: 'declarations.nav',
  description: 'declarations.navDescription',
  icon: 'gavel',
  exact: false,
};
const AUDIT: NavEntry = {
  path: '/granskningslogg',
  label: 'nav.audit',
  description: 'nav.auditDescription',
  icon: 'history',
  exact: false,
};

/** The navigation a user gets; each entry appears only when the abilities allow its page. */
export function navEntriesFor(can: CanFn): NavEntry[] {
  const entries = [START];
  // every signed-in person may report and follow their own reports (subject Report)
  if (can('create', 'Report')) entries.push(REPORT);
  if (can('read', 'Report')) entries.push(MY_REPORTS);
  entries.push(PROFILE);
  if (can('read', 'GuidanceArticle')) entries.push(GUIDANCE);
  // everyone runs the gift guide and declares jäv/interests for themselves
  if (can('create', 'GiftEntry')) entries.push(GIFTS);
  if (can('create', 'Declaration')) entries.push(DECLARATIONS);
  if (can('read', 'Case')) entries.push(CASES);
  // custodians decide requests; handlers follow their own on the case page
  if (can('update', 'IdentityRequest')) entries.push(IDENTITY_REQUESTS);
  if (can('update', 'OrgUnit') || can('create', 'OrgUnit')) entries.push(ORG);
  if (can('read', 'Supplier')) entries.push(SUPPLIERS);
  if (can('read', 'Contract')) entries.push(CONTRACTS);
  // everyone may own a risk (and opens it from a reminder); the register is in the menu for those
  // who keep, accept or audit risks
  if (can('create', 'Risk') || can('create', 'RiskAcceptance') || can('read', 'Contract'))
    entries.push(RISKS);
  if (can('read', 'ContractAudit')) entries.push(AUDITS);
  if (can('read', 'RiskReport')) entries.push(DASHBOARD);
  if (can('read', 'IncidentStatistics')) entries.push(STATISTICS);
  if (can('read', 'User')) entries.push(USERS);
  if (can('read', 'RiskMatrix')) entries.push(RISK_MATRIX);
  if (can('read', 'AuditLog')) entries.push(AUDIT);
  return entries;
}
