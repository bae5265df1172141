import * as z from 'zod/mini';

/**
 * What a canton offers in its intervention plans (GSL's "catalogue of options"): which item kinds are enabled and
 * the subcategories of each, and who besides case managers may open a plan (which of the catalogue's organizations
 * are the canton's own units, where an internal referral goes, is said by the canton's `units`). Part of the canton
 * definition (`interventionPlans`); a canton that says nothing gets the defaults below.
 */
export const ITEM_KINDS = [
  'registry-change',
  'home-visit',
  'social-report',
  'referral',
  'in-kind-benefit',
  'cash-benefit',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** GSL's letters for the kinds, as its forms group them (A–F). */
export const KIND_GROUP: Readonly<Record<ItemKind, 'A' | 'B' | 'C' | 'D' | 'E' | 'F'>> = {
  'registry-change': 'A',
  'home-visit': 'B',
  'social-report': 'C',
  referral: 'D',
  'in-kind-benefit': 'E',
  'cash-benefit': 'F',
};

const Label = z.strictObject({
  es: z.string().check(z.minLength(1), z.maxLength(120)),
  en: z.string().check(z.minLength(1), z.maxLength(120)),
});

export const PlanSubcategorySchema = z.strictObject({
  code: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be lower-case letters, digits and dashes')),
  label: Label,
});

const SubcategoryList = z.array(PlanSubcategorySchema).check(
  z.minLength(1),
  z.refine((list) => new Set(list.map((s) => s.code)).size === list.length, 'must not repeat a code'),
);

export const InterventionPlanOptionsSchema = z.strictObject({
  /** Who may open and manage plans: case managers always; SWCS officers where the canton says so. */
  openedBy: z.optional(
    z.array(z.enum(['case-manager', 'swcs-officer'])).check(
      z.minLength(1),
      z.refine((list) => list.includes('case-manager'), 'must include case-manager'),
    ),
  ),
  /** The kinds the canton enables, each with its subcategories; a kind left out is not offered. */
  items: z.optional(z.partialRecord(z.enum(ITEM_KINDS), SubcategoryList)),
  /** The currency of cash benefits (ISO 4217; Ecuador uses the US dollar). */
  currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
});
export type InterventionPlanOptions = z.infer<typeof InterventionPlanOptionsSchema>;

const sub = (code: string, es: string, en: string) => ({ code, label: { es, en } });

/** The subcategories every canton gets unless its definition lists its own. */
export const DEFAULT_PLAN_ITEMS: Readonly<
  Record<ItemKind, readonly z.infer<typeof PlanSubcategorySchema>[]>
> = {
  'registry-change': [
    sub('household-composition', 'Composición del hogar', 'Household composition'),
    sub('address-contact', 'Dirección y contacto', 'Address and contact'),
    sub('income-change', 'Cambio de ingresos u ocupación', 'Change of income or occupation'),
    sub('disability', 'Discapacidad', 'Disability'),
  ],
  'home-visit': [
    sub('first-visit', 'Primera visita', 'First visit'),
    sub('follow-up', 'Visita de seguimiento', 'Follow-up visit'),
    sub('verification', 'Verificación de condiciones', 'Verification of conditions'),
  ],
  'social-report': [
    sub('access-to-service', 'Acceso a un servicio', 'Access to a service'),
    sub('benefit-eligibility', 'Elegibilidad para un beneficio', 'Eligibility for a benefit'),
    sub('protection', 'Medida de protección', 'Protection measure'),
  ],
  referral: [
    sub('internal', 'Derivación interna (unidad del cantón)', 'Internal referral (a unit of the canton)'),
    sub(
      'external',
      'Derivación externa (proveedor del catálogo)',
      'External referral (a catalogue provider)',
    ),
  ],
  'in-kind-benefit': [
    sub('food-kit', 'Kit de alimentos', 'Food kit'),
    sub('hygiene-kit', 'Kit de higiene', 'Hygiene kit'),
    sub('school-supplies', 'Útiles escolares', 'School supplies'),
    sub('mobility-aid', 'Ayuda técnica de movilidad', 'Mobility aid'),
  ],
  'cash-benefit': [
    sub('emergency-grant', 'Ayuda económica de emergencia', 'Emergency grant'),
    sub('rent-support', 'Apoyo para arriendo', 'Rent support'),
    sub('funeral-support', 'Apoyo para servicios funerarios', 'Funeral support'),
  ],
};

/** A canton's plan options with every default filled in. */
export interface EffectivePlanOptions {
  readonly openedBy: readonly ('case-manager' | 'swcs-officer')[];
  readonly items: Readonly<Partial<Record<ItemKind, readonly z.infer<typeof PlanSubcategorySchema>[]>>>;
  readonly currency: string;
}

export function effectivePlanOptions(options: InterventionPlanOptions | undefined): EffectivePlanOptions {
  return {
    openedBy: options?.openedBy ?? ['case-manager'],
    items: options?.items ?? DEFAULT_PLAN_ITEMS,
    currency: options?.currency ?? 'USD',
  };
}
