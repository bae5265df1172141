import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planDocument } from '#app/casework/plan-document.js';
import { CantonDefinitionSchema } from '#domain/canton.js';
import { CartItemBody } from '#domain/plan-input.js';
import { effectivePlanOptions } from '#domain/plan-options.js';
import { addCartItem, changeItemStatus, linkItem, newCart, openPlan, resolveItem } from '#domain/plan.js';
import type { PrintableDocument } from '#model/document.js';

/**
 * A real intervention plan of the demo canton, built by the domain's own rules and drawn by the plan's own
 * document builder: what docs/screenshots/intervention-plan.png shows (`npx tsx bin/document-pages.ts` draws the
 * examples of printable-documents.ts; this one is drawn with `drawPages({ 'intervention-plan': … })`).
 */
const quito = CantonDefinitionSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../cantons/quito.json'), 'utf8')),
);
const options = effectivePlanOptions(quito.interventionPlans);
const actor = { userId: 'uio.gestora', roles: ['case-manager'] };
const at = (day: string) => ({ actor, now: `${day}T15:00:00.000Z` });

function examplePlan() {
  let cart = newCart(
    { identification: 'national-id', nationalId: '1710034065', householdId: 'HH-UIO-000000', memberId: '1' },
    { ...at('2026-12-01'), cartId: '01JD60A1B2C3D4E5F6G7H8J9K0', cantonId: 'quito' },
  );
  for (const item of [
    { kind: 'home-visit', subcategory: 'first-visit', scheduledOn: '2026-12-03', visitorId: 'uio.gestora' },
    { kind: 'social-report', subcategory: 'access-to-service', purpose: 'Ingreso al programa 60 y Piquito' },
    {
      kind: 'referral',
      subcategory: 'internal',
      requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
      serviceId: 'psj-60-y-piquito',
    },
    {
      kind: 'in-kind-benefit',
      subcategory: 'food-kit',
      description: 'Canasta básica para un mes',
      quantity: 2,
    },
    { kind: 'cash-benefit', subcategory: 'rent-support', amount: 85 },
  ]) {
    cart = addCartItem(cart, CartItemBody.parse(item), options, at('2026-12-01')).cart;
  }
  let plan = openPlan(cart, options, {
    ...at('2026-12-01'),
    planId: '01JD60B2C3D4E5F6G7H8J9K0M1',
    reference: 'PI-H8J9K0M1',
    note: 'Acordado con Rosa en la primera entrevista',
  }).plan;
  plan = linkItem(plan, 3, { referralId: '01JD5ZS2C4D6F8H0J2K4M6N8P0' }, at('2026-12-01')).plan;
  plan = changeItemStatus(
    plan,
    1,
    { status: 'done', notes: 'Vive con su nieto' },
    { ...at('2026-12-03'), today: '2026-12-03' },
  ).plan;
  plan = resolveItem(plan, 3, { to: 'in-progress', via: 'referral' }, at('2026-12-04'))?.plan ?? plan;
  plan = changeItemStatus(plan, 4, { status: 'done' }, { ...at('2026-12-04'), today: '2026-12-04' }).plan;
  return plan;
}

export const EXAMPLE_INTERVENTION_PLAN: PrintableDocument = planDocument(
  examplePlan(),
  quito,
  '2026-12-05T14:30:00.000Z',
);
