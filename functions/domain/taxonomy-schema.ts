import * as z from 'zod/mini';
import { findCategory, findSubcategory } from './taxonomy.js';

/**
 * The one check of a category and subcategory pair, for every schema that names one (requests, services,
 * protocols, searches): an unknown category, or a subcategory that is not under the given category, is an issue on
 * that field with its text in Spanish and English.
 */
export function checkClassification(
  value: { readonly category?: string | undefined; readonly subcategory?: string | undefined },
  ctx: z.core.$RefinementCtx,
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
export const SubcategoryRef = z
  .strictObject({
    category: z.string().check(z.maxLength(60)),
    subcategory: z.string().check(z.maxLength(60)),
  })
  .check(z.superRefine(checkClassification));
