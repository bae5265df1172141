import type * as z from 'zod';
import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { matchesQuery } from '../domain/catalogue.js';
import { referableServices } from './referable.js';
import type { ServiceSearchQuery } from './schemas.js';
import { serviceView } from './views.js';

export const handler = httpHandler<{ cantonId: string }, z.infer<typeof ServiceSearchQuery>>(
  'searchServices',
  async ({ caller, params, query, language }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'read');
    const services = await referableServices(canton, query.includeNational);
    const found = services
      .filter((s) => matchesQuery(s, query))
      .sort((a, b) => a.name.localeCompare(b.name, 'es'));
    return { body: { items: found.map((s) => serviceView(s, language)) } };
  },
);
