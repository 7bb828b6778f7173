import { DEFAULT_CHECKLIST_V1 } from '../core/database/migrations/1764400000000-audits';
import { DEFAULT_CHECKLIST_TEMPLATE } from './domain/checklist-template';
import { ChecklistTemplateEntity } from './entities/checklist-template.entity';
import { describeEachEngine, TestApp } from '../testing/test-app';

describeEachEngine('Checklist templates', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  it('the migration inserts the default template (28 items A–H) as version 1, equal to the domain default', async () => {
    expect(DEFAULT_CHECKLIST_V1).toEqual(DEFAULT_CHECKLIST_TEMPLATE);
    const rows = await t.dataSource
      .getRepository(ChecklistTemplateEntity)
      .find({ where: { key: DEFAULT_CHECKLIST_TEMPLATE.key } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: 1, status: 'published', itemCount: 28 });
    expect(JSON.parse(rows[0].sections)).toEqual(DEFAULT_CHECKLIST_TEMPLATE.sections);
  });
});
