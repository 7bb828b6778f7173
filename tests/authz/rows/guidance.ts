import type { AuthUser } from '../../../backend/src/core/authz/roles';
import { GuidanceEditorService } from '../../../backend/src/guidance/library/guidance-editor.service';
import { GuidanceContentSeeder } from '../../../backend/src/guidance/library/guidance-content.seeder';
import { GuidanceAcknowledgementEntity } from '../../../backend/src/guidance/library/entities/guidance-acknowledgement.entity';
import { GuidanceArticleEntity } from '../../../backend/src/guidance/library/entities/guidance-article.entity';
import { FileStore } from '../../../backend/src/core/files/file-store';
import { pdf } from '../../../backend/src/testing/file-fixtures';
import { NotificationEntity } from '../../../backend/src/core/notify/entities/notification.entity';
import {
  type Actor,
  asObject,
  type Expectation,
  type Json,
  MIXED,
  type MatrixRow,
  only,
  type Scope,
  type Shape,
  str,
  type World,
} from '../matrix';

/**
 * Guidance (issue 9). Everyone signed in reads published articles and confirms "läst och
 * förstått" for themselves; administrators (and the mixed actor, administrator of A) edit, and
 * see drafts — to everyone else a draft does not exist (404). Coverage is read by managers and
 * auditors over the people of their scope (the mixed actor: chef of B) and reminded by managers.
 */
// functions, not constants: `matrix.ts` imports this module before its own exports (MIXED) exist
const editors = (): Actor[] => ['administrator', MIXED];
const coverageReaders = (): Actor[] => ['chef', 'internrevisor', MIXED];
const everyone = (): Expectation => 'allow';

const SUMMARY_KEYS = [
  'id',
  'slug',
  'category',
  'title',
  'summary',
  'status',
  'version',
  'publishedAt',
  'requiresAcknowledgement',
  'acknowledged',
  'hasDraft',
];
const SUMMARY: Shape = { keys: SUMMARY_KEYS };
const ACK: Shape = { keys: ['required', 'currentVersion', 'acknowledgedAt', 'previousVersion'] };
const ATTACHMENT: Shape = { keys: ['id', 'name', 'mediaType', 'size', 'createdAt'] };
const ARTICLE: Shape = {
  keys: [...SUMMARY_KEYS, 'html', 'publishedByName', 'acknowledgement', 'attachments'],
  nested: { acknowledgement: ACK, attachments: ATTACHMENT },
};
const DRAFT: Shape = {
  keys: [
    'slug',
    'category',
    'title',
    'summary',
    'body',
    'requiresAcknowledgement',
    'html',
    'hasDraft',
    'currentVersion',
    'updatedAt',
  ],
};
const PART: Shape = { keys: ['kind', 'text'] };

const fields = (w: World) => ({
  category: 'jav' as const,
  title: w.unique('Utkast'),
  summary: 'Sammanfattning.',
  body: '## Rubrik\n\nBrödtext.\n',
  requiresAcknowledgement: false,
});

/** A published article (version 1), created the way the shipped content is. */
async function publishedArticle(w: World, requiresAcknowledgement = true): Promise<string> {
  const slug = w
    .unique('matris')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  await w.t.app.get(GuidanceContentSeeder).seedShipped([
    {
      slug,
      title: `Matrisartikel ${slug}`,
      category: 'jav',
      summary: 'En artikel för behörighetsmatrisen.',
      requiresAcknowledgement,
      body: '## Rubrik\n\nText om jäv.\n',
    },
  ]);
  return slug;
}

/** An article that has never been published (a draft only editors see), made by the editor service. */
async function draftArticle(w: World): Promise<{ id: string; slug: string }> {
  const slug = w
    .unique('utkast')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  const admin = {
    id: w.actorId('administrator'),
    username: w.actorUsername('administrator'),
  } as AuthUser;
  await w.t.app.get(GuidanceEditorService).create({ slug, ...fields(w) }, admin);
  const a = await w.t.dataSource.getRepository(GuidanceArticleEntity).findOneByOrFail({ slug });
  return { id: a.id, slug };
}

/** A PDF attached to the article (through the FileStore, as the upload route stores it). */
async function attached(w: World, slug: string): Promise<string> {
  const a = await w.t.dataSource.getRepository(GuidanceArticleEntity).findOneByOrFail({ slug });
  const info = await w.t.app.get(FileStore).put(pdf('Matris'), {
    declaredName: 'bilaga.pdf',
    allowedTypes: ['pdf'],
    ownerType: 'guidance',
    ownerId: a.id,
    createdBy: w.actorId('administrator'),
  });
  return info.id;
}

/** A person of the scope's unit who has not acknowledged, sorting first by name. */
async function missingPerson(w: World, scope: Scope): Promise<string> {
  const name = w.unique('0-saknas');
  return (await w.t.user(name, w.unit(scope), [], { displayName: `0 ${name}` })).id;
}

/** Whether the actor's coverage scope holds people of this scope (the mixed actor: B). */
const coversIn = (actor: Actor, scope: Scope): boolean =>
  actor === MIXED ? scope === 'other' : coverageReaders().includes(actor) && scope === 'own';

export function guidanceRows(): MatrixRow[] {
  return [
    {
      route: 'GET /api/guidance',
      prepare: async (w) => ({ path: '/api/guidance', marker: (await draftArticle(w)).id }),
      expect: everyone,
      ok: 200,
      shape: { keys: ['q', 'items', 'hits'], nested: { items: SUMMARY } },
      list: {
        rows: (body) => asObject(body)['items'] as Json[],
        visible: (_w, actor, row) => row['status'] === 'published' || editors().includes(actor),
        markerVisible: (actor) => editors().includes(actor),
      },
    },
    {
      route: 'GET /api/guidance/:slug',
      // own: a published article; other: a draft
      prepare: async (w, scope) => ({
        path: `/api/guidance/${scope === 'own' ? await publishedArticle(w) : (await draftArticle(w)).slug}`,
      }),
      expect: (actor, scope) => (scope === 'own' || editors().includes(actor) ? 'allow' : 'deny'),
      denied: () => 404,
      ok: 200,
      shape: ARTICLE,
      check: (body, r) => {
        const b = asObject(body);
        if (!r.path.endsWith(str(b['slug']))) throw new Error('another article');
        if (str(b['html']).includes('<script')) throw new Error('unsanitised');
      },
    },
    {
      route: 'GET /api/guidance/:slug/versions',
      prepare: async (w, scope) => ({
        path: `/api/guidance/${scope === 'own' ? await publishedArticle(w) : (await draftArticle(w)).slug}/versions`,
      }),
      expect: (actor, scope) => (scope === 'own' || editors().includes(actor) ? 'allow' : 'deny'),
      denied: () => 404,
      ok: 200,
      shape: {
        keys: ['slug', 'versions'],
        nested: {
          versions: { keys: ['version', 'title', 'changeNote', 'publishedAt', 'publishedByName'] },
        },
      },
    },
    {
      route: 'GET /api/guidance/:slug/diff',
      prepare: async (w, scope) => ({
        path: `/api/guidance/${scope === 'own' ? await publishedArticle(w) : (await draftArticle(w)).slug}/diff?from=1&to=1`,
      }),
      // a draft has no versions: 404 for editors too, and readers do not learn it exists
      expect: (_actor, scope) => (scope === 'own' ? 'allow' : 'deny'),
      denied: () => 404,
      ok: 200,
      shape: {
        keys: [
          'from',
          'to',
          'title',
          'summary',
          'categoryChanged',
          'requiresAcknowledgementChanged',
          'body',
          'added',
          'removed',
        ],
        nested: { title: PART, summary: PART, body: PART },
      },
    },
    {
      route: 'POST /api/guidance/:slug/acknowledgements',
      // articles are not scoped: everyone confirms for themselves, in either cell
      prepare: async (w) => ({
        path: `/api/guidance/${await publishedArticle(w)}/acknowledgements`,
        body: { version: 1 },
      }),
      expect: everyone,
      ok: 200,
      shape: ACK,
      check: async (body, r, w, actor) => {
        const slug = r.path.split('/')[3];
        const a = await w.t.dataSource
          .getRepository(GuidanceArticleEntity)
          .findOneByOrFail({ slug });
        const acks = await w.t.dataSource
          .getRepository(GuidanceAcknowledgementEntity)
          .findBy({ articleId: a.id });
        if (acks.map((k) => k.userId).join() !== w.actorId(actor))
          throw new Error('the acknowledgement is not the actor’s own');
        if (asObject(body)['currentVersion'] !== 1) throw new Error('wrong version');
      },
    },
    {
      route: 'GET /api/guidance/:slug/coverage',
      prepare: async (w, scope) => ({
        path: `/api/guidance/${await publishedArticle(w)}/coverage?limit=200`,
        marker: await missingPerson(w, scope),
      }),
      expect: only(...coverageReaders()),
      ok: 200,
      shape: {
        keys: ['slug', 'version', 'total', 'acknowledged', 'percent', 'missing', 'nextCursor'],
        nested: { missing: { keys: ['id', 'displayName', 'unitName'] } },
      },
      list: {
        rows: (body) => asObject(body)['missing'] as Json[],
        visible: async (w, actor, row) => {
          const [u] = await w.t.dataSource.query<Array<{ unitId: string }>>(
            w.t.dataSource.options.type === 'postgres'
              ? 'SELECT "unitId" FROM users WHERE id = $1'
              : 'SELECT "unitId" FROM users WHERE id = ?',
            [row['id']],
          );
          // chef and internrevisor hold department A; the mixed actor is chef of B
          return w.inSubtree(u.unitId, actor === MIXED ? w.b : w.a);
        },
        markerVisible: coversIn,
      },
    },
    {
      route: 'POST /api/guidance/:slug/coverage/reminders',
      prepare: async (w, scope) => ({
        path: `/api/guidance/${await publishedArticle(w)}/coverage/reminders`,
        marker: await missingPerson(w, scope),
      }),
      expect: only('chef', MIXED),
      ok: 200,
      shape: { keys: ['notified'] },
      check: async (_body, r, w, actor) => {
        const notes = await w.t.dataSource
          .getRepository(NotificationEntity)
          .findBy({ userId: str(r.marker), kind: 'guidance.acknowledgement_requested' });
        const scope: Scope = (await w.inSubtree(
          (
            await w.t.dataSource.query<Array<{ unitId: string }>>(
              w.t.dataSource.options.type === 'postgres'
                ? 'SELECT "unitId" FROM users WHERE id = $1'
                : 'SELECT "unitId" FROM users WHERE id = ?',
              [r.marker],
            )
          )[0].unitId,
          w.a,
        ))
          ? 'own'
          : 'other';
        if (notes.length > 0 !== coversIn(actor, scope))
          throw new Error(`reminder to a person ${scope === 'own' ? 'in' : 'outside'} scope`);
      },
    },
    {
      route: 'POST /api/guidance',
      prepare: (w) => ({
        path: '/api/guidance',
        body: {
          slug: w
            .unique('ny')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-'),
          ...fields(w),
        },
      }),
      expect: only(...editors()),
      ok: 201,
      shape: DRAFT,
      check: (body, r) => {
        if (asObject(body)['slug'] !== r.body?.['slug']) throw new Error('wrong article');
      },
    },
    {
      route: 'POST /api/guidance/preview',
      prepare: () => ({
        path: '/api/guidance/preview',
        body: { body: '<script>alert(1)</script>**fet**' },
      }),
      expect: only(...editors()),
      ok: 200,
      shape: { keys: ['html'] },
      check: (body) => {
        const html = str(asObject(body)['html']);
        if (html.includes('<script') || !html.includes('<strong>fet</strong>'))
          throw new Error('not rendered safely');
      },
    },
    {
      route: 'GET /api/guidance/:slug/draft',
      prepare: async (w) => ({ path: `/api/guidance/${(await draftArticle(w)).slug}/draft` }),
      expect: only(...editors()),
      ok: 200,
      shape: DRAFT,
    },
    {
      route: 'PUT /api/guidance/:slug/draft',
      prepare: async (w) => ({
        path: `/api/guidance/${await publishedArticle(w)}/draft`,
        body: fields(w),
      }),
      expect: only(...editors()),
      ok: 200,
      shape: DRAFT,
      check: (body) => {
        if (asObject(body)['hasDraft'] !== true) throw new Error('no working copy saved');
      },
    },
    {
      route: 'POST /api/guidance/:slug/publish',
      prepare: async (w) => ({
        path: `/api/guidance/${(await draftArticle(w)).slug}/publish`,
        body: { changeNote: 'Första versionen' },
      }),
      expect: only(...editors()),
      ok: 200,
      shape: DRAFT,
      check: (body) => {
        if (asObject(body)['currentVersion'] !== 1) throw new Error('not published');
      },
    },
    // the upload route takes a multipart file (its content is tested in guidance.int-spec.ts):
    // a request without a file shows who gets past the policy — editors reach the upload check
    {
      route: 'POST /api/guidance/:slug/attachments',
      prepare: async (w) => ({ path: `/api/guidance/${await publishedArticle(w)}/attachments` }),
      expect: only(...editors()),
      ok: 201,
      expectRejectedInput: { status: 400, code: 'bad_request' },
    },
    {
      route: 'GET /api/guidance/:slug/attachments/:fileId',
      // own: a published article's file; other: a draft's file
      prepare: async (w, scope) => {
        const slug = scope === 'own' ? await publishedArticle(w) : (await draftArticle(w)).slug;
        return { path: `/api/guidance/${slug}/attachments/${await attached(w, slug)}` };
      },
      expect: (actor, scope) => (scope === 'own' || editors().includes(actor) ? 'allow' : 'deny'),
      denied: () => 404,
      ok: 200,
      // the answer is the file, which supertest hands over as a Buffer (its "keys" are byte
      // indices); the check compares it with what was stored, byte for byte
      shape: { keys: [], optional: Array.from({ length: 64 * 1024 }, (_, i) => String(i)) },
      check: (body) => {
        if (!Buffer.isBuffer(body) || !body.equals(pdf('Matris')))
          throw new Error('the download is not the stored file');
      },
    },
    {
      route: 'DELETE /api/guidance/:slug/attachments/:fileId',
      prepare: async (w) => {
        const slug = await publishedArticle(w);
        return { path: `/api/guidance/${slug}/attachments/${await attached(w, slug)}` };
      },
      expect: only(...editors()),
      ok: 204,
    },
  ];
}
