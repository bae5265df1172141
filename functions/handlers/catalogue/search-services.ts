import type * as z from 'zod/mini';
import { httpHandler } from '#http/handler.js';
import { searchServicesRoute } from '#http/routes/catalogue/search-services.js';
import { compareSortKeys, listScope, pageInMemory, type SortKey } from '#http/pagination.js';
import { catalogueCanton } from '#app/tenancy.js';
import { matchesQuery } from '#domain/catalogue.js';
import { referableServices } from '#app/catalogue/referable.js';
import type { ServiceSearchQuery } from '#http/schemas/catalogue.js';
import { serviceView } from '#http/views/catalogue.js';
import { lazy } from '#kernel/lazy.js';

// Created on first use: a process's first Intl.Collator loads ICU's collation data, some 8 ms that the function
// paid at load, before it knew whether a request would need it.
const byName = lazy(() => new Intl.Collator('es'));

/** By name as a Spanish reader sorts it, then by canton and id, so that two services never tie. */
const compareServices = (a: SortKey, b: SortKey) =>
  byName().compare(String(a[0]), String(b[0])) || compareSortKeys(a.slice(1), b.slice(1));

/**
 * Search reads the canton's (and national) catalogue and filters it in memory (catalogue-store.ts says why), so
 * it pages over the filtered result; the cursor is bound to these filters and resumes after the last service.
 */
export const handler = httpHandler<{ cantonId: string }, z.infer<typeof ServiceSearchQuery>>(
  searchServicesRoute,
  async ({ caller, params, query, language }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'read');
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    const services = await referableServices(canton, query.includeNational);
    const page = await pageInMemory(
      services.filter((s) => matchesQuery(s, query)),
      query,
      listScope('searchServices', { canton: canton.id, ...filters }),
      (s) => [s.name, s.cantonId, s.id],
      compareServices,
    );
    return { body: { ...page, items: page.items.map((s) => serviceView(s, language)) } };
  },
);
