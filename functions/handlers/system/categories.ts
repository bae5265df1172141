import { httpHandler } from '#http/handler.js';
import { systemRoute } from '#http/routes/system.js';
import { listScope, type PageQuery, pageInMemory } from '#http/pagination.js';
import { callerCanton } from '#app/tenancy.js';
import { CATEGORIES } from '#domain/taxonomy.js';

/** A short fixed list, paginated all the same so that every list of the API has one shape. */
export const handler = httpHandler<{ cantonId: string }, PageQuery>(
  systemRoute('listCategories'),
  async ({ caller, params, query, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const enabled = CATEGORIES.map((category, position) => ({ category, position })).filter(({ category }) =>
      canton.enabledCategories.includes(category.code),
    );
    const page = await pageInMemory(
      enabled,
      query,
      listScope('listCategories', { canton: canton.id }),
      ({ position }) => [position],
    );
    const items = page.items.map(({ category: c }) => ({
      code: c.code,
      label: c.label[language],
      description: c.description[language],
      subcategories: c.subcategories.map((s) => ({ code: s.code, label: s.label[language] })),
    }));
    return { body: { ...page, items } };
  },
);
