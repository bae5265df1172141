import { ROUTES } from '../lib/api/routes.js';
import { bulkHsdsDocument } from '../test/support/hsds-bulk.js';
import { caseworkOperations } from './casework-operations.js';
import { complaintOperations } from './complaint-operations.js';
import { referralAroundOperations } from './link-operations.js';
import { apiOperation, checked, type Ids, type Operation, setUp } from './operation.js';
import { registryOperations } from './registry-operations.js';
import {
  type BenchRuntime,
  CANTON,
  counterReferralBody,
  intakeBody,
  type ReferralFixture,
} from './fixture.js';

/**
 * One representative call of every API operation (every route of ROUTES, the transition route once per action), each
 * labelled so that the DynamoDB probe attributes its calls, with its untimed preparation. The six core operations
 * of the performance targets are marked `core`. The capabilities' own operations are in bench/*-operations.ts.
 */
export type { Ids, Operation } from './operation.js';

const BENCH_ORG = 'bench-fundacion';
const BENCH_SERVICE = 'bench-servicio';

const benchOrganization = {
  name: 'Fundación de pruebas de rendimiento',
  sector: 'non-profit',
  contactOfficers: [
    {
      id: 'lucia',
      userId: 'bench.lucia',
      name: 'Lucía Benítez',
      position: 'Enlace',
      email: 'lucia@bench.example.org',
      phone: '+593987111222',
      preferredChannel: 'sms',
    },
  ],
  locations: [],
};

const benchService = {
  organizationId: BENCH_ORG,
  name: 'Centro diurno de pruebas',
  description: 'Cuidado diurno para personas adultas mayores',
  serves: [{ category: 'special-needs', subcategory: 'older-adults' }],
  capacity: { total: 20, available: 20, waitlist: false },
  status: 'active',
  contactOfficerIds: ['lucia'],
};

export async function operations(rt: BenchRuntime, fx: ReferralFixture): Promise<Operation[]> {
  const c = `/cantons/${CANTON}`;
  const { operator, officer, coordinator, contact } = fx;
  const auditor = await rt.token('auditor');

  // Records that read operations find (created once, untimed).
  const readRequest = await fx.newRequest();
  const readReferral = (await fx.refer(readRequest)).referralId;
  await fx.waitForWait(readReferral, 'acknowledgement');
  checked(
    await rt.api('PUT', `${c}/organizations/${BENCH_ORG}`, { token: coordinator, body: benchOrganization }),
    200,
    'bench organization',
  );
  checked(
    await rt.api('PUT', `${c}/services/${BENCH_SERVICE}`, { token: coordinator, body: benchService }),
    200,
    'bench service',
  );
  let serial = 0;

  /** A call that needs nothing prepared. */
  const simple = (
    operationId: string,
    method: string,
    path: string,
    token: string | undefined,
    options: { body?: unknown; status?: number; core?: string } = {},
  ): Operation => ({
    label: operationId,
    operationId,
    ...(options.core ? { core: options.core } : {}),
    prepare: async () => ({}),
    async run() {
      const answer = await rt.api(method, path, {
        op: operationId,
        ...(token ? { token } : {}),
        ...(options.body !== undefined ? { body: options.body } : {}),
      });
      checked(answer, options.status ?? 200, operationId);
      return {};
    },
  });

  /** A referral waiting for its acknowledgement (the workflow has stored its token). */
  const pendingReferral = async (): Promise<Ids> => {
    const request = await fx.newRequest();
    const { referralId } = await fx.refer(request);
    await fx.waitForWait(referralId, 'acknowledgement');
    return { request, referral: referralId };
  };

  /** A referral its contact officer accepted (the workflow waits for the counter-referral). */
  const acceptedReferral = async (): Promise<Ids> => {
    const ids = await pendingReferral();
    await fx.move(ids.referral as string, { action: 'accept' });
    // The completion's transaction checks the wait's token: the floor replay must check this referral's.
    const taskToken = await fx.waitForWait(ids.referral as string, 'counterReferral');
    return { ...ids, taskToken };
  };

  /** One action of the transition route, by the shelter's contact officer unless another token is given. */
  const transition = (
    action: string,
    prepare: () => Promise<Ids>,
    body: () => unknown,
    options: { core?: string; token?: string } = {},
  ): Operation => ({
    label: `transitionReferral:${action}`,
    operationId: 'transitionReferral',
    ...(options.core ? { core: options.core } : {}),
    prepare,
    async run(ids) {
      await fx.move(ids.referral as string, body(), `transitionReferral:${action}`, options.token);
      return {};
    },
  });

  const list: Operation[] = [
    simple('getHealth', 'GET', '/health', undefined),
    simple('getOpenApi', 'GET', '/openapi.json', undefined),
    simple('listCategories', 'GET', `${c}/categories`, operator),
    {
      label: 'recordRequest',
      operationId: 'recordRequest',
      core: 'record a request',
      prepare: async () => ({}),
      async run() {
        const answer = await rt.api('POST', `${c}/requests`, {
          token: operator,
          body: intakeBody(),
          op: 'recordRequest',
        });
        return { request: checked(answer, 201, 'recordRequest').body.requestId };
      },
    },
    simple('listRequests', 'GET', `${c}/requests?limit=25`, operator, { core: 'list requests' }),
    {
      label: 'getRequest',
      operationId: 'getRequest',
      core: 'get a request',
      prepare: async () => ({ request: readRequest }),
      async run(ids) {
        checked(
          await rt.api('GET', `${c}/requests/${ids.request}`, { token: operator, op: 'getRequest' }),
          200,
          'getRequest',
        );
        return {};
      },
    },
    {
      label: 'classifyRequest',
      operationId: 'classifyRequest',
      prepare: async () => ({ request: await fx.newRequest() }),
      async run(ids) {
        const body = { category: 'urgent', subcategory: 'natural-disaster', note: 'Deslave en el barrio' };
        checked(
          await rt.api('PUT', `${c}/requests/${ids.request}/classification`, {
            token: operator,
            body,
            op: 'classifyRequest',
          }),
          200,
          'classifyRequest',
        );
        return {};
      },
    },
    {
      label: 'answerRequest',
      operationId: 'answerRequest',
      async prepare() {
        const body = {
          ...intakeBody(),
          description: '¿Dónde queda el punto de atención más cercano?',
          classification: { category: 'general-information', subcategory: 'other-enquiry' },
        };
        const answer = await rt.api('POST', `${c}/requests`, { token: operator, body });
        return { request: checked(answer, 201, 'general-information request').body.requestId };
      },
      async run(ids) {
        const body = { answer: 'El punto de atención de La Magdalena abre de 08:00 a 17:00.' };
        checked(
          await rt.api('POST', `${c}/requests/${ids.request}/answer`, {
            token: operator,
            body,
            op: 'answerRequest',
          }),
          200,
          'answerRequest',
        );
        return {};
      },
    },
    {
      label: 'assignRequest',
      operationId: 'assignRequest',
      prepare: async () => ({ request: await fx.newRequest() }),
      async run(ids) {
        const body = { officerId: 'uio.tecnica1' };
        checked(
          await rt.api('PUT', `${c}/requests/${ids.request}/assignment`, {
            token: operator,
            body,
            op: 'assignRequest',
          }),
          200,
          'assignRequest',
        );
        return {};
      },
    },
    {
      // A replacement that changes something (an identical one answers at once: it writes nothing).
      label: 'putOrganization',
      operationId: 'putOrganization',
      prepare: async () => ({ name: `${benchOrganization.name} ${++serial}` }),
      async run(ids) {
        const body = { ...benchOrganization, name: ids.name };
        const answer = await rt.api('PUT', `${c}/organizations/${BENCH_ORG}`, {
          token: coordinator,
          body,
          op: 'putOrganization',
        });
        checked(answer, 200, 'putOrganization');
        return {};
      },
    },
    simple('listOrganizations', 'GET', `${c}/organizations`, coordinator),
    simple('getOrganization', 'GET', `${c}/organizations/${fx.organizationId}`, coordinator),
    {
      label: 'putService',
      operationId: 'putService',
      prepare: async () => ({ name: `${benchService.name} ${++serial}` }),
      async run(ids) {
        const body = { ...benchService, name: ids.name };
        const answer = await rt.api('PUT', `${c}/services/${BENCH_SERVICE}`, {
          token: coordinator,
          body,
          op: 'putService',
        });
        checked(answer, 200, 'putService');
        return {};
      },
    },
    simple('searchServices', 'GET', `${c}/services?category=urgent&subcategory=home-destroyed`, officer, {
      core: 'search services',
    }),
    simple('getService', 'GET', `${c}/services/${fx.serviceId}`, officer),
    {
      label: 'deactivateService',
      operationId: 'deactivateService',
      async prepare() {
        const serviceId = `${BENCH_SERVICE}-${++serial}`;
        checked(
          await rt.api('PUT', `${c}/services/${serviceId}`, { token: coordinator, body: benchService }),
          200,
          'service to deactivate',
        );
        return { service: serviceId };
      },
      async run(ids) {
        const body = { reason: 'Cierre del programa piloto' };
        checked(
          await rt.api('POST', `${c}/services/${ids.service}/deactivation`, {
            token: coordinator,
            body,
            op: 'deactivateService',
          }),
          200,
          'deactivateService',
        );
        return {};
      },
    },
    simple('updateAvailability', 'PATCH', `${c}/services/${BENCH_SERVICE}/availability`, coordinator, {
      body: { available: 12 },
    }),
    simple('checkEligibility', 'POST', `${c}/services/eligibility`, officer, {
      body: { profile: { age: 70 }, category: 'special-needs', subcategory: 'older-adults' },
    }),
    simple('nearestServicePoints', 'GET', `${c}/service-points?latitude=-0.2&longitude=-78.5`, officer),
    simple('exportCatalogue', 'GET', `${c}/catalogue/hsds`, coordinator),
    {
      label: 'importCatalogue',
      operationId: 'importCatalogue',
      async prepare() {
        // Importing the canton's own export: every record is read and compared, nothing needs writing.
        const exported = checked(
          await rt.api('GET', `${c}/catalogue/hsds`, { token: coordinator }),
          200,
          'export',
        );
        return { document: JSON.stringify(exported.body) };
      },
      async run(ids) {
        const answer = await rt.api('POST', `${c}/catalogue/hsds`, {
          token: coordinator,
          body: JSON.parse(ids.document as string),
          op: 'importCatalogue',
        });
        // A larger document becomes an import job (202) whose chunks the catalogue-import workflow applies; the
        // calls counted here are the request's own, the job's are the workflow's.
        if (answer.status !== 202) checked(answer, 200, 'importCatalogue');
        return {};
      },
    },
    {
      label: 'publishProtocol',
      operationId: 'publishProtocol',
      prepare: async () => ({ from: `${2030 + ++serial}-01-01` }),
      async run(ids) {
        const body = {
          inherits: 'national',
          overrides: {
            deadlines: { acknowledgement: { amount: 4, unit: 'working-days' } },
            validity: { from: ids.from },
          },
        };
        const answer = await rt.api('POST', `${c}/protocols/general-information/other-enquiry/versions`, {
          token: coordinator,
          body,
          op: 'publishProtocol',
        });
        checked(answer, 201, 'publishProtocol');
        return {};
      },
    },
    simple('listProtocols', 'GET', `${c}/protocols`, officer),
    simple('getProtocol', 'GET', `${c}/protocols/urgent/home-destroyed`, officer),
    simple('getProtocolVersion', 'GET', `${c}/protocols/urgent/home-destroyed/versions/1`, officer),
    {
      label: 'createReferral',
      operationId: 'createReferral',
      core: 'create a referral',
      prepare: async () => ({ request: await fx.newRequest() }),
      async run(ids) {
        const { referralId } = await fx.refer(ids.request as string, 'createReferral');
        return { referral: referralId };
      },
      // The workflow notifies the contact officer and stores its token: let it finish before the next run.
      settle: async (_ids, created) => {
        await fx.waitForWait(created.referral as string, 'acknowledgement');
      },
    },
    simple('listRequestReferrals', 'GET', `${c}/requests/${readRequest}/referrals`, officer),
    simple('getReferral', 'GET', `${c}/referrals/${readReferral}`, officer),
    transition('acknowledge', pendingReferral, () => ({ action: 'acknowledge' })),
    transition('accept', pendingReferral, () => ({ action: 'accept' })),
    transition('complete', acceptedReferral, counterReferralBody, {
      core: 'complete with the counter-referral',
    }),
    transition('reject', pendingReferral, () => ({ action: 'reject', reason: { code: 'no-capacity' } })),
    transition('start', acceptedReferral, () => ({ action: 'start' })),
    transition('hold', acceptedReferral, () => ({ action: 'hold', reason: { code: 'citizen-unreachable' } })),
    transition('fail', acceptedReferral, () => ({ action: 'fail', reason: { code: 'citizen-unreachable' } })),
    transition(
      'cancel',
      pendingReferral,
      () => ({ action: 'cancel', reason: { code: 'citizen-declined' } }),
      {
        token: officer,
      },
    ),
    transition(
      'enterInError',
      pendingReferral,
      () => ({ action: 'enterInError', reason: { code: 'duplicate' } }),
      {
        token: coordinator,
      },
    ),
    ...(await escalations(rt, fx)),
    simple(
      'providerInbox',
      'GET',
      `${c}/organizations/${fx.organizationId}/referrals?status=requested`,
      contact,
    ),
    simple('overdueReferrals', 'GET', `${c}/referrals/overdue`, auditor),
    apiOperation(
      rt,
      'closeRequest',
      (ids) => ({
        method: 'POST',
        path: `${c}/requests/${ids.request}/closure`,
        token: officer,
        body: { reason: { code: 'citizen-declined' } },
      }),
      { prepare: async () => ({ request: await fx.newRequest() }) },
    ),
    await catalogueImportJob(rt),
    ...(await referralAroundOperations(rt, fx)),
    ...(await complaintOperations(rt)),
    ...(await registryOperations(rt, fx)),
    ...(await caseworkOperations(rt)),
  ];

  return list;
}

/** Routes of the table that no benchmark call exercises (reported, so that a new route is not silently skipped). */
export function uncovered(list: readonly Operation[]): string[] {
  const covered = new Set(list.map((o) => o.operationId));
  return ROUTES.filter((r) => !covered.has(r.operationId)).map((r) => r.operationId);
}

/**
 * Reading an import job: a document bigger than one call applies (JOB_THRESHOLD records, domain/import-job.ts)
 * becomes a job that the catalogue-import workflow runs; its coordinator follows it. In Cuenca, so that Quito's
 * catalogue that the other operations search stays as seeded.
 */
async function catalogueImportJob(rt: BenchRuntime): Promise<Operation> {
  const coordinator = await rt.token('coordinator', 'cuenca');
  const job = await setUp(rt, 'import job', {
    method: 'POST',
    path: '/cantons/cuenca/catalogue/hsds',
    token: coordinator,
    body: bulkHsdsDocument(40),
    status: 202,
  });
  return apiOperation(rt, 'getCatalogueImport', () => ({
    method: 'GET',
    path: `/cantons/cuenca/catalogue/imports/${job.jobId}`,
    token: coordinator,
  }));
}

/**
 * A canton that cannot serve a citizen escalates the request; the national single window lists, reads and refers
 * it to a national service (the national template for urgent/home-destroyed lists the emergency bonus).
 */
async function escalations(rt: BenchRuntime, fx: ReferralFixture): Promise<Operation[]> {
  const nationalOfficer = await rt.token('swcs-officer', 'national');
  const n = '/cantons/national/escalations';
  const escalate = async (requestId: string, op?: string) => {
    const answer = await rt.api('POST', `/cantons/${CANTON}/requests/${requestId}/escalation`, {
      token: fx.officer,
      body: { reason: 'No hay albergue disponible en el cantón' },
      ...(op ? { op } : {}),
    });
    return checked(answer, 200, 'escalateRequest');
  };
  const escalated = async () => {
    const request = await fx.newRequest();
    await escalate(request);
    return { request };
  };
  return [
    {
      label: 'escalateRequest',
      operationId: 'escalateRequest',
      prepare: async () => ({ request: await fx.newRequest() }),
      async run(ids) {
        await escalate(ids.request as string, 'escalateRequest');
        return {};
      },
    },
    {
      label: 'listEscalations',
      operationId: 'listEscalations',
      prepare: async () => ({}),
      async run() {
        checked(
          await rt.api('GET', n, { token: nationalOfficer, op: 'listEscalations' }),
          200,
          'listEscalations',
        );
        return {};
      },
    },
    {
      label: 'getEscalatedRequest',
      operationId: 'getEscalatedRequest',
      prepare: escalated,
      async run(ids) {
        const answer = await rt.api('GET', `${n}/${CANTON}/${ids.request}`, {
          token: nationalOfficer,
          op: 'getEscalatedRequest',
        });
        checked(answer, 200, 'getEscalatedRequest');
        return {};
      },
    },
    {
      label: 'referEscalatedRequest',
      operationId: 'referEscalatedRequest',
      prepare: escalated,
      async run(ids) {
        const answer = await rt.api('POST', `${n}/${CANTON}/${ids.request}/referrals`, {
          token: nationalOfficer,
          body: { serviceId: 'bono-contingencia-emergencias' },
          op: 'referEscalatedRequest',
        });
        return { referral: checked(answer, 201, 'referEscalatedRequest').body.referralId };
      },
    },
  ];
}
