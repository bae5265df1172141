import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';

/**
 * The schemas of pagination, apart from its runtime (functions/http/pagination.ts) so that the route table, which
 * every handler bundles, does not pull in the cursor's signing code. Every list takes `limit` and `cursor` and
 * answers `{ items, nextCursor? }`.
 */
export const PAGE_LIMITS = { default: 25, max: 100 } as const;

/** The `limit` and `cursor` query parameters, with their bounds stated in the schema and so in the document. */
export function pageParameters(limits: { default: number; max: number } = PAGE_LIMITS) {
  return {
    limit: withMeta(
      z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(limits.max)), limits.default),
      {
        description: `How many items a page holds at most: ${limits.default} unless given, from 1 to ${limits.max}`,
      },
    ),
    cursor: withMeta(z.optional(z.string().check(z.maxLength(2048))), {
      description:
        'The `nextCursor` of the previous page, as received. It opens the next page of the same list with the same filters only; any other use answers 400',
    }),
  };
}

/** A page of `item`s: a shared component named `id` in the OpenAPI document. */
export function pageSchema<T extends z.core.$ZodType>(item: T, id: string, description: string) {
  return withMeta(
    z.object({
      items: withMeta(z.array(item), { description }),
      nextCursor: withMeta(z.optional(z.string()), {
        description:
          'Present while more items follow: send it as `cursor` (with the same filters) for the next page; absent on the last page. A page may hold fewer than `limit` items and still have a next one',
      }),
    }),
    { id },
  );
}

/** The query of a list that takes no filter: only the page. */
export const PageOnlyQuery = z.strictObject(pageParameters());
