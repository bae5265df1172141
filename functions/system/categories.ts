import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { CATEGORIES } from '../domain/taxonomy.js';

export const handler = httpHandler<{ cantonId: string }>(
  'listCategories',
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const items = CATEGORIES.filter((c) => canton.enabledCategories.includes(c.code)).map((c) => ({
      code: c.code,
      label: c.label[language],
      description: c.description[language],
      subcategories: c.subcategories.map((s) => ({ code: s.code, label: s.label[language] })),
    }));
    return { body: { items } };
  },
);
