import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CATEGORY_CODES,
  complaintTypeLabel,
  findSubcategory,
} from '../../functions/domain/taxonomy.js';
import { COMPLAINT_TYPES } from '../../functions/domain/complaint-input.js';

describe('category taxonomy', () => {
  it('has the seven categories of the single window, in order', () => {
    expect(CATEGORIES.map((c) => c.code)).toEqual([...CATEGORY_CODES]);
    expect(CATEGORIES).toHaveLength(7);
  });

  it('gives every category and subcategory a Spanish and an English label and a stable kebab-case code', () => {
    for (const category of CATEGORIES) {
      expect(category.subcategories.length).toBeGreaterThanOrEqual(3);
      for (const item of [category, ...category.subcategories]) {
        expect(item.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(item.label.es.length).toBeGreaterThan(0);
        expect(item.label.en.length).toBeGreaterThan(0);
      }
      const codes = category.subcategories.map((s) => s.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('finds a subcategory only under its own category', () => {
    expect(findSubcategory('urgent', 'home-destroyed')?.label.es).toBe('Vivienda destruida o inhabitable');
    expect(findSubcategory('complaint', 'home-destroyed')).toBeUndefined();
    expect(findSubcategory('nonsense', 'home-destroyed')).toBeUndefined();
  });

  it("names a complaint's type as the complaint category names its subcategory, and nothing else", () => {
    for (const type of COMPLAINT_TYPES) {
      expect(complaintTypeLabel(type)).toEqual(findSubcategory('complaint', type)?.label);
    }
    expect(complaintTypeLabel('claim')).toEqual({ es: 'Reclamo', en: 'Claim' });
    expect(complaintTypeLabel('home-destroyed')).toBeUndefined();
    expect(complaintTypeLabel('constructor')).toBeUndefined();
  });
});
