import { buildOpenApi } from './app.factory';
import { listRoutes } from './testing/routes';
import { TestApp } from './testing/test-app';

/**
 * The success status each operation documents is the one Nest really answers with: POST
 * answers 201 unless the handler says @HttpCode, every other method 200 (or its @HttpCode).
 * A client generated from the document would otherwise treat a real answer as undocumented.
 */
describe('OpenAPI success statuses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start('sqlite');
  });
  afterAll(() => t.stop());

  it('documents the status every route answers on success', () => {
    const doc = buildOpenApi(t.app);
    const wrong: string[] = [];
    for (const r of listRoutes(t.app)) {
      const actual = r.successStatus;
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      const op = (doc.paths[path] as Record<string, { responses?: Record<string, unknown> }>)?.[
        r.method.toLowerCase()
      ];
      const documented = Object.keys(op?.responses ?? {}).filter((s) => /^[23]\d\d$/.test(s));
      if (!documented.includes(String(actual))) {
        wrong.push(`${r.key}: answers ${actual}, documents ${documented.join(', ') || 'nothing'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
