import * as z from 'zod';

export const CategoryList = z
  .object({
    items: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        description: z.string(),
        subcategories: z.array(z.object({ code: z.string(), label: z.string() })),
      }),
    ),
  })
  .meta({ id: 'CategoryList' });
