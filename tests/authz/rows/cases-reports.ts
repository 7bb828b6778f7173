import { CaseVault } from '../../../backend/src/cases/case-vault';
import type {
  CreateReportDto,
  PublicReportDto,
} from '../../../backend/src/cases/reports/dto/report.dto';
import { ReceiptSessions } from '../../../backend/src/cases/reports/receipt-sessions';
import { ReportsService } from '../../../backend/src/cases/reports/reports.service';
import type { AuthUser } from '../../../backend/src/core/authz/roles';
import { pdf } from '../../../backend/src/testing/file-fixtures';
import {
  type Actor,
  asObject,
  type Expectation,
  items,
  type Json,
  type MatrixRow,
  type Scope,
  type Shape,
  someoneElse,
  sql,
  str,
  type World,
} from '../matrix';

/**
 * Reporting. Every signed-in user may report and follow their OWN reports — whoever they are,
 * administrators and auditors included (their cases stay hidden from them; their own reports do
 * not). Scopes here are about whose report it is, not about units: `own` = the actor's report,
 * `other` = somebody else's, which is 404 on every "mine" route and absent from the list. The
 * public routes answer everyone; the receipt holder's routes carry the `varn_receipt` cookie of
 * a session opened for the cell's anonymous report, and must answer about exactly that report.
 */

const MESSAGE: Shape = { keys: ['id', 'from', 'body', 'createdAt'] };
const ATTACHMENT: Shape = { keys: ['id', 'name', 'mediaType', 'size', 'createdAt'] };
const VIEW_KEYS = [
  'reference',
  'track',
  'category',
  'status',
  'receivedAt',
  'acknowledgementDueAt',
  'feedbackDueAt',
  'acknowledgedAt',
  'feedbackGivenAt',
  'closedAt',
  'description',
  'messages',
  'attachments',
];
const REPORTER_VIEW: Shape = {
  keys: VIEW_KEYS,
  nested: { messages: MESSAGE, attachments: ATTACHMENT },
};
const MY_VIEW: Shape = {
  keys: ['id', ...VIEW_KEYS, 'identityDisclosures'],
  nested: {
    messages: MESSAGE,
    attachments: ATTACHMENT,
    identityDisclosures: { keys: ['to', 'at'] },
  },
};
const MY_SUMMARY: Shape = {
  keys: [
    'id',
    'reference',
    'track',
    'category',
    'status',
    'receivedAt',
    'acknowledgementDueAt',
    'feedbackDueAt',
    'unreadMessages',
  ],
};

/** Own report: allowed; somebody else's: refused as if it did not exist. */
const ownOnly = (_actor: Actor, scope: Scope): Expectation => (scope === 'own' ? 'allow' : 'deny');
const hidden = (): 404 => 404;

function report(w: World, scope: Scope, over: Partial<CreateReportDto> = {}): CreateReportDto {
  return {
    track: 'visselblasning',
    category: 'korruptionsforsok',
    description: `Erbjöds en gåva av en part (${w.unique('rapport')})`,
    unitId: w.unit(scope).id,
    confidentiality: 'confidential',
    ...over,
  };
}

/** The same report without the signed-in choice: the anonymous form's body. */
function anonymousReport(w: World, scope: Scope): PublicReportDto {
  const r = report(w, scope);
  return { track: r.track, category: r.category, description: r.description, unitId: r.unitId };
}

/** A signed-in report by the actor (own) or by somebody else (other); returns the case id. */
async function reportBy(w: World, scope: Scope, actor: Actor): Promise<string> {
  const who = scope === 'own' ? actor : someoneElse(actor);
  const user = { id: w.actorId(who), username: w.actorUsername(who) } as AuthUser;
  const { id } = await w.t.app.get(ReportsService).submitSignedIn(report(w, 'own'), user);
  return id;
}

const ATTACHMENT_TEXT = 'Min bilaga';

/** An attachment the reporter added to that report. */
async function attachmentOf(w: World, caseId: string, actor: Actor, scope: Scope): Promise<string> {
  const who = scope === 'own' ? actor : someoneElse(actor);
  const file = {
    originalname: 'kvitto.pdf',
    buffer: pdf(ATTACHMENT_TEXT),
  } as Express.Multer.File;
  const info = await w.t.app
    .get(ReportsService)
    .addMyAttachment(caseId, file, { id: w.actorId(who) } as AuthUser);
  return info.id;
}

/** An anonymous report and a receipt session on it: the cookie and the report's reference. */
async function receiptHolder(w: World): Promise<{ cookie: string; reference: string }> {
  const reports = w.t.app.get(ReportsService);
  const { receiptCode } = await reports.submitAnonymous(anonymousReport(w, 'own'));
  const c = await reports.caseOfReceiptCode(receiptCode);
  const token = await w.t.app.get(ReceiptSessions).open(c.id);
  return { cookie: `varn_receipt=${token}`, reference: c.reference };
}

async function isActorsReport(w: World, actor: Actor, caseId: string): Promise<boolean> {
  const tag = await w.t.app.get(CaseVault).reporterTag(w.actorId(actor));
  const rows = await sql<{ id: string }>(
    w,
    'SELECT id FROM cases WHERE id = $1 AND "reporterTag" = $2',
    [caseId, tag],
  );
  return rows.length === 1;
}

const aboutReference = (body: unknown, r: { marker?: string }): void => {
  if (asObject(body)['reference'] !== r.marker)
    throw new Error(`answered about ${str(asObject(body)['reference'])}, expected ${r.marker}`);
};

export function casesReportsRows(): MatrixRow[] {
  return [
    // ---- signed-in reporter ----
    {
      route: 'POST /api/reports',
      prepare: (w, scope) => ({ path: '/api/reports', body: { ...report(w, scope) } }),
      expect: () => 'allow',
      ok: 201,
      shape: { keys: ['id', 'reference'] },
      check: async (body, _r, w, actor) => {
        if (!(await isActorsReport(w, actor, str(asObject(body)['id']))))
          throw new Error('the new report is not tagged as the actor’s own');
      },
    },
    {
      route: 'GET /api/reports/handlers',
      prepare: (w, scope) => ({ path: `/api/reports/handlers?unitId=${w.unit(scope).id}` }),
      expect: () => 'allow',
      ok: 200,
      shape: { keys: ['id', 'displayName'] },
      check: async (body, r, w) => {
        const unitId = r.path.split('unitId=')[1];
        const handlers = await sql<{ id: string }>(
          w,
          `SELECT DISTINCT ra."userId" AS id FROM role_assignments ra
             JOIN org_units s ON s.id = ra."unitId", org_units u
            WHERE ra.role = 'handlaggare' AND u.id = $1 AND u.path LIKE s.path || '%'`,
          [unitId],
        );
        const got = (body as Json[]).map((h) => str(h['id'])).sort();
        const want = handlers.map((h) => h.id).sort();
        if (JSON.stringify(got) !== JSON.stringify(want))
          throw new Error(`handlers ${got.join(',')} ≠ ${want.join(',')}`);
      },
    },
    {
      route: 'GET /api/reports/mine',
      prepare: async (w, scope, actor) => ({
        path: '/api/reports/mine',
        marker: await reportBy(w, scope, actor),
      }),
      expect: () => 'allow',
      ok: 200,
      shape: { keys: ['items'], nested: { items: MY_SUMMARY } },
      list: {
        rows: items,
        visible: (w, actor, row) => isActorsReport(w, actor, str(row['id'])),
        markerVisible: (_actor, scope) => scope === 'own',
      },
    },
    {
      route: 'GET /api/reports/mine/:id',
      prepare: async (w, scope, actor) => ({
        path: `/api/reports/mine/${await reportBy(w, scope, actor)}`,
      }),
      expect: ownOnly,
      denied: hidden,
      ok: 200,
      shape: MY_VIEW,
      check: (body, r) => {
        if (asObject(body)['id'] !== r.path.split('/')[4]) throw new Error('another report');
      },
    },
    {
      route: 'POST /api/reports/mine/:id/messages',
      prepare: async (w, scope, actor) => ({
        path: `/api/reports/mine/${await reportBy(w, scope, actor)}/messages`,
        body: { body: 'Jag har mer att berätta.' },
      }),
      expect: ownOnly,
      denied: hidden,
      ok: 201,
      shape: MESSAGE,
    },
    {
      // the matrix sends JSON: past authorization the upload is refused as missing (400)
      route: 'POST /api/reports/mine/:id/attachments',
      prepare: async (w, scope, actor) => ({
        path: `/api/reports/mine/${await reportBy(w, scope, actor)}/attachments`,
      }),
      expect: ownOnly,
      denied: hidden,
      ok: 201,
      expectRejectedInput: { status: 400, code: 'bad_request' },
    },
    {
      route: 'GET /api/reports/mine/:id/attachments/:fileId',
      prepare: async (w, scope, actor) => {
        const id = await reportBy(w, scope, actor);
        return {
          path: `/api/reports/mine/${id}/attachments/${await attachmentOf(w, id, actor, scope)}`,
        };
      },
      expect: ownOnly,
      denied: hidden,
      ok: 200,
      // the decrypted file, which supertest hands over as a Buffer (its "keys" are byte indices)
      shape: { keys: [], optional: Array.from({ length: 4096 }, (_, i) => String(i)) },
      check: (body) => {
        if (!Buffer.isBuffer(body) || !body.equals(pdf(ATTACHMENT_TEXT)))
          throw new Error('the download is not the stored file');
      },
    },

    // ---- public: anonymous reporting ----
    {
      route: 'GET /api/public/intake',
      public: true,
      prepare: () => ({ path: '/api/public/intake' }),
      expect: () => 'allow',
      ok: 200,
      shape: {
        keys: ['units', 'securityContact'],
        nested: {
          units: { keys: ['id', 'name', 'parentId', 'depth'] },
          securityContact: { keys: ['name', 'phone', 'email'] },
        },
      },
    },
    {
      route: 'POST /api/public/reports',
      public: true,
      prepare: (w, scope) => ({
        path: '/api/public/reports',
        body: { ...anonymousReport(w, scope) },
      }),
      expect: () => 'allow',
      ok: 201,
      shape: { keys: ['receiptCode'] },
      check: (body) => {
        if (!/^\d{16}$/.test(str(asObject(body)['receiptCode'])))
          throw new Error('not a 16-digit receipt code');
      },
    },
    {
      route: 'POST /api/public/session',
      public: true,
      prepare: async (w, scope) => {
        const reports = w.t.app.get(ReportsService);
        const { receiptCode } = await reports.submitAnonymous(anonymousReport(w, scope));
        const c = await reports.caseOfReceiptCode(receiptCode);
        return { path: '/api/public/session', body: { receiptCode }, marker: c.reference };
      },
      expect: () => 'allow',
      ok: 200,
      shape: { keys: ['reference'] },
      check: aboutReference,
    },
    {
      route: 'DELETE /api/public/session',
      public: true,
      prepare: async (w) => ({
        path: '/api/public/session',
        cookie: (await receiptHolder(w)).cookie,
      }),
      expect: () => 'allow',
      ok: 204,
    },
    {
      route: 'GET /api/public/report',
      public: true,
      prepare: async (w) => {
        const h = await receiptHolder(w);
        return { path: '/api/public/report', cookie: h.cookie, marker: h.reference };
      },
      expect: () => 'allow',
      ok: 200,
      shape: REPORTER_VIEW,
      check: aboutReference,
    },
    {
      route: 'POST /api/public/report/messages',
      public: true,
      prepare: async (w) => ({
        path: '/api/public/report/messages',
        cookie: (await receiptHolder(w)).cookie,
        body: { body: 'Det hände igen i går.' },
      }),
      expect: () => 'allow',
      ok: 201,
      shape: MESSAGE,
    },
    {
      route: 'POST /api/public/report/attachments',
      public: true,
      prepare: async (w) => ({
        path: '/api/public/report/attachments',
        cookie: (await receiptHolder(w)).cookie,
      }),
      expect: () => 'allow',
      ok: 201,
      expectRejectedInput: { status: 400, code: 'bad_request' },
    },
  ];
}
