import type { Example } from './openapi-examples.js';

/** Casework's request and answer examples (see openapi-examples.ts): a plan for the demo registry's Rosa Guamán. */
const CART_ID = '01JD60A1B2C3D4E5F6G7H8J9K0';
const PLAN_ID = '01JD60B2C3D4E5F6G7H8J9K0M1';
const SUBJECT = {
  identification: 'national-id',
  nationalId: '1710034065',
  householdId: 'HH-UIO-000000',
  memberId: '1',
};
const AT = '2026-12-01T15:00:00.000Z';

const VISIT = {
  kind: 'home-visit',
  subcategory: 'first-visit',
  scheduledOn: '2026-12-10',
  visitorId: 'uio.gestora',
  purpose: 'Conocer la vivienda y a la familia',
};

const CART = {
  cartId: CART_ID,
  cantonId: 'quito',
  subject: SUBJECT,
  status: 'open',
  items: [
    {
      number: 1,
      kind: 'home-visit',
      group: 'B',
      subcategory: 'first-visit',
      label: 'Primera visita',
      data: {
        scheduledOn: '2026-12-10',
        visitorId: 'uio.gestora',
        purpose: 'Conocer la vivienda y a la familia',
      },
      addedAt: AT,
      addedBy: 'uio.gestora',
    },
  ],
  createdBy: 'uio.gestora',
  createdAt: AT,
  updatedAt: AT,
  version: 2,
};

const history = (to: string, from?: string, via = 'checkout') => ({
  at: AT,
  by: 'uio.gestora',
  ...(from ? { from } : {}),
  to,
  via,
});

const PLAN_ITEMS = [
  {
    number: 1,
    kind: 'home-visit',
    group: 'B',
    subcategory: 'first-visit',
    label: 'Primera visita',
    data: {
      scheduledOn: '2026-12-10',
      visitorId: 'uio.gestora',
      purpose: 'Conocer la vivienda y a la familia',
    },
    status: 'done',
    colour: 'green',
    notes: 'Vivienda de bloque con humedad; Rosa vive con su nieto',
    links: {},
    carriedOut: true,
    history: [history('pending'), history('done', 'pending', 'manual')],
  },
  {
    number: 2,
    kind: 'referral',
    group: 'D',
    subcategory: 'internal',
    label: 'Derivación interna (unidad del cantón)',
    data: {
      requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
      serviceId: 'psj-60-y-piquito',
      citizenProfile: {},
      waitlistIfFull: true,
    },
    status: 'pending',
    colour: 'red',
    links: { referralId: '01JD5ZS2C4D6F8H0J2K4M6N8P0' },
    carriedOut: true,
    history: [history('pending')],
  },
];

const PLAN = {
  planId: PLAN_ID,
  cantonId: 'quito',
  reference: 'PI-H8J9K0M1',
  cartId: CART_ID,
  subject: SUBJECT,
  status: 'open',
  items: PLAN_ITEMS,
  summary: {
    total: 2,
    counts: { pending: 1, 'in-progress': 0, done: 1, 'not-done': 0 },
    items: [
      { number: 1, group: 'B', kind: 'home-visit', label: 'Primera visita', status: 'done', colour: 'green' },
      {
        number: 2,
        group: 'D',
        kind: 'referral',
        label: 'Derivación interna (unidad del cantón)',
        status: 'pending',
        colour: 'red',
      },
    ],
  },
  openedBy: 'uio.gestora',
  openedAt: AT,
  agreement: { agreedWithCitizen: true },
  reopenings: [],
  version: 3,
  updatedAt: AT,
};

export const CASEWORK_EXAMPLES: Readonly<
  Record<string, { readonly request?: Example; readonly response?: Example }>
> = {
  openPlanCart: {
    request: {
      name: 'openPlanCart',
      summary: 'A case manager opens a cart for Rosa Guamán’s household, screened by her national ID',
      value: { nationalId: '1710034065' },
    },
    response: { name: 'openPlanCart', summary: 'An empty cart', value: { ...CART, items: [], version: 1 } },
  },
  getPlanCart: { response: { name: 'getPlanCart', summary: 'A cart with a home visit', value: CART } },
  addPlanCartItem: {
    request: { name: 'addPlanCartItem', summary: 'A first home visit (kind B)', value: VISIT },
    response: { name: 'addPlanCartItem', summary: 'The cart with its new item', value: CART },
  },
  removePlanCartItem: {
    response: {
      name: 'removePlanCartItem',
      summary: 'The cart without the item',
      value: { ...CART, items: [], version: 3 },
    },
  },
  checkOutPlanCart: {
    request: {
      name: 'checkOutPlanCart',
      summary: 'The citizen agreed the plan',
      value: { agreedWithCitizen: true, note: 'Acordado con Rosa en la primera entrevista' },
    },
    response: {
      name: 'checkOutPlanCart',
      summary: 'The plan, open, with the referral of its item 2 made',
      value: {
        ...PLAN,
        items: PLAN_ITEMS.map((i) => ({
          ...i,
          status: 'pending',
          colour: 'red',
          history: [history('pending')],
        })),
        summary: {
          ...PLAN.summary,
          counts: { pending: 2, 'in-progress': 0, done: 0, 'not-done': 0 },
          items: PLAN.summary.items.map((i) => ({ ...i, status: 'pending', colour: 'red' })),
        },
        outstanding: [],
        version: 2,
      },
    },
  },
  getPlan: {
    response: {
      name: 'getPlan',
      summary: 'A plan with a visit done and a referral pending',
      value: {
        ...PLAN,
        history: [
          {
            at: AT,
            by: { userId: 'uio.gestora', roles: ['case-manager'] },
            action: 'opened',
            details: { cartId: CART_ID, items: 2 },
          },
        ],
      },
    },
  },
  listPlans: {
    response: {
      name: 'listPlans',
      summary: 'The canton’s plans',
      value: {
        items: [
          {
            planId: PLAN_ID,
            reference: PLAN.reference,
            status: 'open',
            subjectKey: 'HH-UIO-000000',
            openedBy: 'uio.gestora',
            openedAt: AT,
            summary: PLAN.summary,
          },
        ],
      },
    },
  },
  getHouseholdFile: {
    response: {
      name: 'getHouseholdFile',
      summary: 'Rosa Guamán’s household over time',
      value: {
        subjectKey: 'HH-UIO-000000',
        kind: 'household',
        counts: { plan: 1, 'home-visit': 1, request: 1, referral: 1, complaint: 0, benefit: 0 },
        entries: [
          {
            at: '2026-12-10T12:00:00.000Z',
            type: 'home-visit',
            id: `${PLAN_ID}#1`,
            planId: PLAN_ID,
            status: 'done',
            summary: 'Primera visita · uio.gestora',
          },
          {
            at: AT,
            type: 'plan',
            id: PLAN_ID,
            reference: 'PI-H8J9K0M1',
            status: 'open',
            summary: '2 acciones: 1 realizadas, 1 abiertas',
          },
          {
            at: '2026-12-01T14:20:00.000Z',
            type: 'referral',
            id: '01JD5ZS2C4D6F8H0J2K4M6N8P0',
            reference: 'SMQB-9WW0',
            status: 'requested',
            requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
            summary: 'Programa "60 y Piquito"',
          },
          {
            at: '2026-12-01T14:00:00.000Z',
            type: 'request',
            id: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
            reference: 'UIO-2026-000123',
            status: 'referred',
            summary: 'special-needs/older-adults',
          },
        ],
      },
    },
  },
  changePlanItemStatus: {
    request: {
      name: 'changePlanItemStatus',
      summary: 'The home visit done, with its outcome notes',
      value: { status: 'done', notes: 'Vivienda de bloque con humedad; Rosa vive con su nieto' },
    },
    response: { name: 'changePlanItemStatus', summary: 'The plan with the item done', value: PLAN },
  },
  reopenPlan: {
    request: {
      name: 'reopenPlan',
      summary: 'The family asks for another visit',
      value: { reason: 'La familia pide otra visita tras la mudanza', items: [1] },
    },
    response: {
      name: 'reopenPlan',
      summary: 'The plan open again, its visit in progress',
      value: {
        ...PLAN,
        reopenings: [
          { at: AT, by: 'uio.gestora', reason: 'La familia pide otra visita tras la mudanza', items: [1] },
        ],
      },
    },
  },
  listHomeVisits: {
    response: {
      name: 'listHomeVisits',
      summary: 'The case manager’s visits in December',
      value: {
        items: [
          {
            planId: PLAN_ID,
            planReference: PLAN.reference,
            item: 1,
            subcategory: 'first-visit',
            scheduledOn: '2026-12-10',
            visitorId: 'uio.gestora',
            purpose: 'Conocer la vivienda y a la familia',
            status: 'pending',
          },
        ],
      },
    },
  },
};
