import {
  AbilityBuilder,
  createMongoAbility,
  ForcedSubject,
  MongoAbility,
  MongoQuery,
  subject,
} from '@casl/ability';
import { AuthUser, scopeOf, secondFactorOutstanding } from './roles';
import { within } from './subtree';

export const ACTIONS = ['manage', 'create', 'read', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Subject types. `Case` and `ReporterIdentity` are the confidential subjects of the case
 * feature: they are named now so that the separation-of-duties rules below exist before the
 * feature does.
 */
export const SUBJECTS = [
  'Me',
  'OrgUnit',
  'User',
  'RoleAssignment',
  'AuditLog',
  'Case',
  'ReporterIdentity',
  'IdentityRequest',
  'Report',
  'IncidentStatistics',
  'Supplier',
  'Contract',
  'RiskMatrix',
  'Risk',
  'RiskAcceptance',
  'RiskAction',
  'RiskReport',
  'ChecklistTemplate',
  'ContractAudit',
  'AuditSignOff',
  'AuditFinding',
  'CorrectiveAction',
  'GuidanceArticle',
  'GuidanceAcknowledgement',
  'GuidanceCoverage',
  'GiftGuideRules',
  'GiftEntry',
  'Declaration',
  'SecondFactor',
] as const;
export type SubjectType = (typeof SUBJECTS)[number];
export type AppSubject = SubjectType | 'all';

/**
 * Fields that rules may put conditions on, per subject. Each is a column of its table or, for
 * the `…Path` fields, the materialised path of the unit the row belongs to (the row's own for
 * `OrgUnit.path`, its parent's for `OrgUnit.parentPath`). A row checked in memory must carry
 * the path field its rules use; a row without it is denied (see subtree.ts).
 */
interface SubjectFields {
  Me: { id: string };
  OrgUnit: { id: string; parentId: string | null; path: string; parentPath: string };
  User: { id: string; unitId: string; unitPath: string };
  RoleAssignment: { userId: string; unitId: string; unitPath: string };
  AuditLog: { seq: number; unitPath: string | null };
  Case: {
    id: string;
    unitId: string;
    unitPath: string;
    routedAwayFrom: string | null;
    assigneeId: string | null;
  };
  ReporterIdentity: { caseId: string; unitPath: string };
  IdentityRequest: {
    id: string;
    caseId: string;
    unitPath: string;
    requestedBy: string;
    routedAwayFrom: string | null;
  };
  /** A reporter's own report; the rows are the user's own by a keyed tag (see cases/reports). */
  Report: { id: string };
  /** The de-identified incident facts, by the path of the department they are counted on. */
  IncidentStatistics: { departmentPath: string };
  Supplier: { id: string };
  Contract: { id: string; unitId: string; unitPath: string };
  RiskMatrix: { version: number };
  /** A risk of the register: its unit (the contract's for a contract risk) and its riskägare. */
  Risk: { id: string; unitId: string; unitPath: string; ownerId: string };
  /** A chef's acceptance of a risk's residual; the unit is the risk's. */
  RiskAcceptance: { riskId: string; unitId: string; unitPath: string };
  /** An action (åtgärd) on a risk: its own owner and the risk's owner and unit. */
  RiskAction: {
    id: string;
    riskId: string;
    unitId: string;
    unitPath: string;
    ownerId: string;
    riskOwnerId: string;
  };
  /** The manager dashboard and the committee report of a unit's subtree (risk, audits, trend). */
  RiskReport: { unitPath: string };
  /** A checklist template (avtalsuppföljning); its versions are shared across the administration. */
  ChecklistTemplate: { id: string };
  /** A follow-up audit of a contract; the unit is the contract's responsible unit. */
  ContractAudit: { id: string; contractId: string; unitId: string; unitPath: string };
  /** Signing off an audit, by the audit's (the contract's) unit. */
  AuditSignOff: { unitPath: string };
  /** A finding (avvikelse) of an audit; the unit is the audit's. */
  AuditFinding: { id: string; auditId: string; unitPath: string };
  /** A corrective action on a finding: the audit's unit and the action's own owner. */
  CorrectiveAction: { id: string; findingId: string; unitPath: string; ownerId: string };
  /** A guidance article (stödmaterial); drafts are the editors' only. */
  GuidanceArticle: { id: string; status: string };
  /** "Läst och förstått": one's own acknowledgement of an article's current version. */
  GuidanceAcknowledgement: { userId: string };
  /** Who in a subtree has acknowledged an article: the people counted, by their unit. */
  GuidanceCoverage: { unitPath: string };
  /** The rules of the gift decision guide ("Får jag ta emot detta?"), versioned. */
  GiftGuideRules: { version: number };
  /** An entry in the gift register: the person it concerns and their unit. */
  GiftEntry: { id: string; userId: string; unitId: string; unitPath: string };
  /** A jäv / interest declaration: the declarant and their unit. */
  Declaration: { id: string; userId: string; unitId: string; unitPath: string };
  /** A user's second factor (TOTP and recovery codes): the user and their unit. */
  SecondFactor: { userId: string; unitPath: string };
}
type Tagged = { [K in SubjectType]: ForcedSubject<K> & SubjectFields[K] }[SubjectType];
export type SubjectRecord = Tagged;
export type AppAbility = MongoAbility<[Action, AppSubject | Tagged], MongoQuery>;

/** Tags a loaded row (as a plain object) with its subject type, for instance checks. */
export function asSubject(type: SubjectType, row: object): SubjectRecord {
  return subject(type, { ...(row as Record<string, unknown>) }) as unknown as SubjectRecord;
}

/**
 * The one place where roles become permissions. Pure: same user → same rules.
 * Conditions only use fields that exist as columns or unit paths, so the same rules filter
 * lists in SQL (see casl-sql.ts) and check loaded rows. A subtree is one path-prefix condition
 * per scope, whatever the size of the subtree.
 */
export function defineAbilityFor(user: AuthUser): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const done = () => build();

  can('read', 'Me');
  // One's own second factor: enrol, verify a code, see its status, regenerate recovery codes.
  can(['create', 'read', 'update'], 'SecondFactor', { userId: user.id });

  // A password session of someone who must give a second factor can read who they are and finish
  // the second factor, nothing else — not even change the password (the guard also refuses every
  // route not marked @SecondFactorStep(), see auth.guard.ts).
  if (secondFactorOutstanding(user)) return done();

  can('update', 'Me');

  // Until a user has replaced a password set by an administrator, they can only do that.
  if (user.mustChangePassword) return done();

  // The organisation tree is not secret: everyone needs it to pick units in forms.
  can('read', 'OrgUnit');

  const adminScope = scopeOf(user, 'administrator');
  for (const prefix of adminScope) {
    can('create', 'OrgUnit', { parentPath: within(prefix) });
    can(['update', 'delete'], 'OrgUnit', { path: within(prefix) });
    can(['create', 'read', 'update'], 'User', { unitPath: within(prefix) });
    can(['create', 'read', 'delete'], 'RoleAssignment', { unitPath: within(prefix) });
    // reset a user's second factor (a lost phone): administrators over the user's unit
    can('delete', 'SecondFactor', { unitPath: within(prefix) });
  }

  const auditorScope = scopeOf(user, 'internrevisor');
  for (const prefix of auditorScope) {
    can('read', 'User', { unitPath: within(prefix) });
    can('read', 'RoleAssignment', { unitPath: within(prefix) });
  }

  // The audit log: administrators and auditors read the entries of their scopes' subtrees (an
  // entry's unitPath is its object's or actor's unit, fixed at write time). Entries without a
  // unit (failed sign-ins of unknown names, jobs, entries older than the unit column) belong to
  // no scope: only a reader scoped at a root unit sees them.
  for (const prefix of scopeOf(user, 'administrator', 'internrevisor')) {
    can('read', 'AuditLog', { unitPath: within(prefix) });
    if (isRootPath(prefix)) can('read', 'AuditLog', { unitPath: null });
  }

  for (const prefix of scopeOf(user, 'chef')) {
    can('read', 'User', { unitPath: within(prefix) });
  }

  // Everyone with an account can report, and follow their own reports. "Own" is decided in SQL by
  // a keyed tag of the user id (cases/reports), never by a readable reporter id on the case.
  can(['create', 'read'], 'Report');

  // Case handlers (handläggare/samordnare) follow up the cases of their scope — except a case
  // routed away from them because it concerns them: it is as if it did not exist.
  for (const prefix of scopeOf(user, 'handlaggare')) {
    const inScope = { unitPath: within(prefix), routedAwayFrom: { $ne: user.id } };
    can(['read', 'update'], 'Case', inScope);
    can('create', 'IdentityRequest', inScope);
    can('read', 'IdentityRequest', { ...inScope, requestedBy: user.id });
  }

  // Identity custodians decide on requests and see the reporter identities of their scope —
  // never the case content (domain.md §1).
  for (const prefix of scopeOf(user, 'identitetsansvarig')) {
    can('read', 'ReporterIdentity', { unitPath: within(prefix) });
    can(['read', 'update'], 'IdentityRequest', { unitPath: within(prefix) });
  }

  // Incident statistics come from the de-identified facts (ADR 0014), counted per department:
  // managers see their subtree's, auditors and case handlers their scope's — with small-cell
  // protection (statistics/small-cells.ts). A scope below department level covers no department.
  for (const prefix of scopeOf(user, 'chef', 'internrevisor', 'handlaggare'))
    can('read', 'IncidentStatistics', { departmentPath: within(prefix) });

  // The supplier register is shared across the administration (one supplier has contracts in
  // many units), so its rules have no unit condition: controllers in any scope keep it, managers
  // and auditors read it, everybody else — administrators included — has nothing here.
  if (scopeOf(user, 'avtalscontroller').length) can(['create', 'read', 'update'], 'Supplier');
  if (scopeOf(user, 'chef').length || auditorScope.length) can('read', 'Supplier');

  // Contracts belong to a responsible unit: controllers keep those of their scope, managers read
  // their subtree's, auditors read theirs; nobody else (administrators neither) sees them.
  for (const prefix of scopeOf(user, 'avtalscontroller'))
    can(['create', 'read', 'update'], 'Contract', { unitPath: within(prefix) });
  for (const prefix of scopeOf(user, 'chef', 'internrevisor'))
    can('read', 'Contract', { unitPath: within(prefix) });

  // Risks belong to a unit (a contract risk to the contract's): controllers assess those of their
  // scope, managers read their subtree's and accept residual risks there, auditors read theirs.
  // Anyone else sees only what they own: the risks they are riskägare of (and their actions), and
  // the actions they are owner of. Administrators have nothing here (they keep the matrix).
  for (const prefix of scopeOf(user, 'avtalscontroller')) {
    can(['create', 'read', 'update'], 'Risk', { unitPath: within(prefix) });
    can(['create', 'read', 'update'], 'RiskAction', { unitPath: within(prefix) });
  }
  for (const prefix of scopeOf(user, 'chef')) {
    can('read', ['Risk', 'RiskAction'], { unitPath: within(prefix) });
    can('create', 'RiskAcceptance', { unitPath: within(prefix) });
  }
  for (const prefix of auditorScope)
    can('read', ['Risk', 'RiskAction'], { unitPath: within(prefix) });
  can(['read', 'update'], 'Risk', { ownerId: user.id });
  can(['create', 'read', 'update'], 'RiskAction', { riskOwnerId: user.id });
  can(['read', 'update'], 'RiskAction', { ownerId: user.id });

  // The manager dashboard and the committee report of a subtree: managers for their subtree,
  // controllers and auditors for their scope. What each panel shows is filtered again by the
  // rules of its own subject (Risk, RiskAction, Contract, IncidentStatistics …).
  for (const prefix of scopeOf(user, 'chef', 'avtalscontroller', 'internrevisor'))
    can('read', 'RiskReport', { unitPath: within(prefix) });

  // Contract follow-up (issue 8). Checklist templates are shared: controllers and administrators
  // write them, everyone who audits or reads audits reads them. Audits, findings and corrective
  // actions belong to the contract's unit: controllers audit in their scope, managers read and
  // sign off in their subtree, auditors read; an action's owner sees and updates their own.
  if (scopeOf(user, 'avtalscontroller', 'administrator').length)
    can(['create', 'read', 'update'], 'ChecklistTemplate');
  if (scopeOf(user, 'chef', 'internrevisor').length) can('read', 'ChecklistTemplate');
  for (const prefix of scopeOf(user, 'avtalscontroller')) {
    can(['create', 'read', 'update'], ['ContractAudit', 'AuditFinding', 'CorrectiveAction'], {
      unitPath: within(prefix),
    });
    can('create', 'AuditSignOff', { unitPath: within(prefix) });
  }
  for (const prefix of scopeOf(user, 'chef')) {
    can('read', ['ContractAudit', 'AuditFinding', 'CorrectiveAction'], {
      unitPath: within(prefix),
    });
    can('create', 'AuditSignOff', { unitPath: within(prefix) });
  }
  for (const prefix of auditorScope)
    can('read', ['ContractAudit', 'AuditFinding', 'CorrectiveAction'], {
      unitPath: within(prefix),
    });
  can(['read', 'update'], 'CorrectiveAction', { ownerId: user.id });

  // Guidance (issue 9): everyone reads published guidance, confirms "läst och förstått" for
  // themselves and uses the gift guide; administrators edit the articles and the guide's rules.
  // Managers see (and remind) who in their subtree has acknowledged; auditors see it too.
  can('read', 'GuidanceArticle', { status: 'published' });
  can('create', 'GuidanceAcknowledgement', { userId: user.id });
  can('read', 'GiftGuideRules');
  if (adminScope.length) {
    can(['create', 'read', 'update'], 'GuidanceArticle');
    can('update', 'GiftGuideRules');
  }
  for (const prefix of scopeOf(user, 'chef'))
    can(['read', 'update'], 'GuidanceCoverage', { unitPath: within(prefix) });
  for (const prefix of auditorScope) can('read', 'GuidanceCoverage', { unitPath: within(prefix) });

  // Gift register entries and jäv declarations are seen by the person, the managers over their
  // unit (who decide on them) and auditors; controllers see only a supplier's flag, never these.
  can(['create', 'read'], ['GiftEntry', 'Declaration'], { userId: user.id });
  for (const prefix of scopeOf(user, 'chef'))
    can(['read', 'update'], ['GiftEntry', 'Declaration'], { unitPath: within(prefix) });
  for (const prefix of auditorScope)
    can('read', ['GiftEntry', 'Declaration'], { unitPath: within(prefix) });

  // The risk matrix is read by everyone who scores or sees risk; only administrators change it.
  if (
    (['avtalscontroller', 'chef', 'internrevisor', 'administrator', 'handlaggare'] as const).some(
      (role) => scopeOf(user, role).length > 0,
    )
  )
    can('read', 'RiskMatrix');
  if (adminScope.length) can('update', 'RiskMatrix');

  // Separation of duties (domain.md §1): administrators and auditors manage and control the
  // system but never read incident content or reporter identities — whatever else they hold.
  // The rule has neither fields nor conditions, and comes after every grant, so it wins over
  // any role's `can` for field-less checks (`can('read', case)`) and field checks alike.
  // (A field-restricted `cannot` would not: CASL ignores it when no field is asked for.)
  // The same holds for managers and controllers (issue 6: "managers, controllers, auditors and
  // administrators see no case content and no identity — also when one person holds two
  // roles"): their own reports stay theirs (subject Report), cases and identities do not.
  if (
    (['administrator', 'internrevisor', 'chef', 'avtalscontroller'] as const).some(
      (role) => scopeOf(user, role).length > 0,
    )
  ) {
    cannot(['read', 'update'], 'Case');
    cannot('read', 'ReporterIdentity');
    cannot(['create', 'read', 'update'], 'IdentityRequest');
  }
  // Nobody decides on their own gift entry or declaration (a manager's go to the manager above).
  cannot('update', ['GiftEntry', 'Declaration'], { userId: user.id });
  // Nobody administers their own account through the admin routes (no self-escalation).
  cannot(['update'], 'User', { id: user.id });
  cannot(['create', 'delete'], 'RoleAssignment', { userId: user.id });
  // … nor resets their own second factor (a stolen password must not be enough to drop it)
  cannot('delete', 'SecondFactor', { userId: user.id });

  return done();
}

/** Built abilities by everything `defineAbilityFor` reads from the user (see `abilityFor`). */
const memo = new Map<string, AppAbility>();
const MEMO_SIZE = 1000;

/**
 * `defineAbilityFor`, memoised on its whole input: the user's id, the forced-password-change
 * flag, whether a second factor is outstanding and the (role, scope path) pairs. The input is read from the database on every request,
 * so a revoked role, a deactivated user or a moved unit gives a different key — or no user — on
 * the very next request: there is nothing to invalidate. Abilities are never mutated after
 * they are built (nobody calls `update`), so one instance can serve many requests.
 */
export function abilityFor(user: AuthUser): AppAbility {
  const key = JSON.stringify([
    user.id,
    user.mustChangePassword,
    secondFactorOutstanding(user),
    user.roles.map((r) => `${r.role} ${r.unitPath}`).sort(),
  ]);
  const hit = memo.get(key);
  if (hit) {
    // least recently used goes first: re-insert on every hit
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const ability = defineAbilityFor(user);
  memo.set(key, ability);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return ability;
}

/** A root unit's path has one segment (`/rootId/`). */
function isRootPath(path: string): boolean {
  return /^\/[^/]+\/$/.test(path);
}
