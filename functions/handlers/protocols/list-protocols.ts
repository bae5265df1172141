import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { listProtocolsRoute } from '#http/routes/protocols/list-protocols.js';
import { listScope, type PageQuery, pageInMemory } from '#http/pagination.js';
import { callerCanton, NATIONAL } from '#app/tenancy.js';
import type { PublishedProtocol } from '#domain/protocol.js';
import { protocolInForce } from '#domain/protocol-validity.js';
import { CATEGORIES } from '#domain/taxonomy.js';
import { allVersions } from '#adapters/dynamodb/protocols-store.js';

/**
 * Every subcategory the canton handles, with the protocol in force for it (its own, or the national template), in
 * the taxonomy's order: a page resumes after the position of its last subcategory in that order.
 */
export const handler = httpHandler<{ cantonId: string }, PageQuery>(
  listProtocolsRoute,
  async ({ caller, params, query, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const [own, templates] = await Promise.all([
      canton.id === NATIONAL ? Promise.resolve([]) : allVersions(canton.id),
      allVersions(NATIONAL),
    ]);
    const now = clock.now();
    const inForce = (versions: PublishedProtocol[], category: string, subcategory: string) =>
      protocolInForce(
        versions.filter((v) => v.category === category && v.subcategory === subcategory),
        now,
        canton.timeZone,
      );
    const handled = CATEGORIES.flatMap((category, c) =>
      canton.enabledCategories.includes(category.code)
        ? category.subcategories.map((sub, s) => ({ category, sub, position: [c, s] }))
        : [],
    );
    const page = await pageInMemory(
      handled,
      query,
      listScope('listProtocols', { canton: canton.id }),
      (h) => h.position,
    );
    const items = page.items.map(({ category, sub }) => {
      const mine = inForce(own, category.code, sub.code);
      const template = mine ? undefined : inForce(templates, category.code, sub.code);
      const found = mine ?? template;
      return {
        category: category.code,
        subcategory: sub.code,
        label: sub.label[language],
        source: mine ? ('canton' as const) : template ? ('national' as const) : null,
        version: found?.version ?? null,
        handledBy: found?.definition.handledBy ?? null,
        validity: found?.definition.validity ?? null,
      };
    });
    return { body: { ...page, items } };
  },
);
