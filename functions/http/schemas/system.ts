import * as z from 'zod/mini';
import { pageSchema } from '#model/page.js';

export const CategoryList = pageSchema(
  z.object({
    code: z.string(),
    label: z.string(),
    description: z.string(),
    subcategories: z.array(z.object({ code: z.string(), label: z.string() })),
  }),
  'CategoryList',
  'The categories the canton enabled, in the order of the taxonomy, each with its subcategories',
);
