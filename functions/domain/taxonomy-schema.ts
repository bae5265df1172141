import type * as z from 'zod';
import * as zod from 'zod';
import { findCategory, findSubcategory } from './taxonomy.js';

/**
 * The one check of a category and subcategory pair, for every schema that names one (requests, services,
 * protocols, searches): an unknown category, or a subcategory that is not under the given category, is an issue on
 * that field with its text in Spanish and English.
 */
export function checkClassification(
  value: { readonly category?: string | undefined; readonly subcategory?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  const { category, subcategory } = value;
  if (category === undefined) return;
  if (!findCategory(category)) {
    ctx.addIssue({
      code: 'custom',
      path: ['category'],
      params: { es: `categoría desconocida "${category}"`, en: `unknown category "${category}"` },
    });
  } else if (subcategory !== undefined && !findSubcategory(category, subcategory)) {
    ctx.addIssue({
      code: 'custom',
      path: ['subcategory'],
      params: {
        es: `"${subcategory}" no es una subcategoría de "${category}"`,
        en: `"${subcategory}" is not a subcategory of "${category}"`,
      },
    });
  }
}

/** A category and one of its subcategories. */
export const SubcategoryRef = zod
  .object({ category: zod.string().max(60), subcategory: zod.string().max(60) })
  .strict()
  .superRefine(checkClassification);
