import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { placeOf } from '../support/problems.js';
import { quitoDay } from '../support/quito-day.js';

let rt: TestRuntime;
let national: string;
let coordinator: string;
let officer: string;
const PATH = '/cantons/quito/protocols/special-needs/older-adults';
const TEMPLATE_PATH = '/cantons/national/protocols/special-needs/older-adults';

/** The shipped national template for older adults, without services (this runtime has no catalogue). */
function template(change: (t: Record<string, any>) => void = () => undefined) {
  const all = JSON.parse(
    readFileSync(new URL('../../cantons/protocols/national.json', import.meta.url), 'utf8'),
  );
  const copy = structuredClone(all.find((d: any) => d.subcategory.subcategory === 'older-adults'));
  copy.eligibleServiceIds = [];
  change(copy);
  return copy;
}

const today = () => quitoDay();
const inDays = (n: number) => quitoDay(n);

beforeAll(async () => {
  rt = await startTestRuntime();
  national = await rt.token('coordinator', 'national');
  coordinator = await rt.token('coordinator', 'quito');
  officer = await rt.token('swcs-officer', 'quito');
  const published = await rt.api('POST', `${TEMPLATE_PATH}/versions`, { token: national, body: template() });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
});
afterAll(() => rt.stop());

describe('national templates and canton protocols', () => {
  it('applies the national template to a canton that has no protocol of its own', async () => {
    const answer = await rt.api('GET', PATH, { token: officer });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ source: 'national', inForce: { cantonId: 'national', version: 1 } });
    expect(answer.body.versions).toEqual([]);
  });

  it('records on a request the protocol version it was classified under', async () => {
    const operator = await rt.token('operator', 'quito');
    const created = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({ classification: { category: 'special-needs', subcategory: 'older-adults' } }),
    });
    expect(created.body.protocol).toEqual({ cantonId: 'national', version: 1 });
    const unclassified = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({ classification: { category: 'urgent', subcategory: 'home-destroyed' } }),
    });
    expect(unclassified.body.protocol).toBeUndefined();
  });

  it('lets a canton inherit the template with overrides, kept whole and linked to the template version', async () => {
    const answer = await rt.api('POST', `${PATH}/versions`, {
      token: coordinator,
      body: {
        inherits: 'national',
        overrides: {
          deadlines: { acknowledgement: { amount: 4, unit: 'working-days' } },
          validity: { from: today() },
        },
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject({
      cantonId: 'quito',
      version: 1,
      inheritsFrom: { cantonId: 'national', version: 1 },
      definition: {
        deadlines: {
          acknowledgement: { amount: 4, unit: 'working-days' },
          counterReferral: { amount: 10, unit: 'working-days' },
        },
        counterReferral: { customFields: [expect.objectContaining({ name: 'homeVisitDone' })] },
      },
    });
    const inForce = await rt.api('GET', PATH, { token: officer });
    expect(inForce.body).toMatchObject({ source: 'canton', inForce: { cantonId: 'quito', version: 1 } });
  });

  it('publishes each change as a new version and keeps the earlier ones readable', async () => {
    const next = await rt.api('POST', `${PATH}/versions`, {
      token: coordinator,
      body: {
        inherits: 'national',
        overrides: { handledBy: 'swcs-officer', validity: { from: inDays(7) } },
      },
    });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.version).toBe(2);
    const overview = await rt.api('GET', PATH, { token: officer });
    expect(overview.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    // The first version now ends where the second begins; it stays in force until then.
    expect(overview.body.versions[0].validity).toEqual({ from: today(), until: inDays(7) });
    expect(overview.body.inForce.version).toBe(1);
    const first = await rt.api('GET', `${PATH}/versions/1`, { token: officer });
    expect(first.body.definition.deadlines.acknowledgement.amount).toBe(4);
    const template1 = await rt.api('GET', `${PATH}/versions/1?source=national`, { token: officer });
    expect(template1.body.cantonId).toBe('national');
    expect((await rt.api('GET', `${PATH}/versions/9`, { token: officer })).status).toBe(404);
  });

  it('lists every subcategory the canton handles with the protocol in force and where it comes from', async () => {
    const answer = await rt.api('GET', '/cantons/quito/protocols?limit=100', { token: officer });
    const olderAdults = answer.body.items.find(
      (i: { subcategory: string }) => i.subcategory === 'older-adults',
    );
    expect(olderAdults).toMatchObject({ source: 'canton', version: 1, label: 'Personas adultas mayores' });
    const housing = answer.body.items.find((i: { subcategory: string }) => i.subcategory === 'housing');
    expect(housing).toMatchObject({ source: null, version: null });
    expect(answer.body.items).toHaveLength(35);
  });
});

describe('bad protocols: clear 4xx, nothing published', () => {
  const versions = async () => (await rt.api('GET', PATH, { token: officer })).body.versions.length;

  const refused = async (body: unknown, field: RegExp, path = PATH, token = coordinator) => {
    const before = await versions();
    const answer = await rt.api('POST', `${path}/versions`, { token, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    const fields = answer.body.errors.map(placeOf);
    expect(
      fields.some((f: string) => field.test(f)),
      fields.join(', '),
    ).toBe(true);
    expect(await versions()).toBe(before);
    return answer;
  };

  it('an overlapping validity period for the same subcategory', async () => {
    const answer = await refused(
      { inherits: 'national', overrides: { validity: { from: inDays(3) } } },
      /validity\.from/,
    );
    expect(answer.body.errors[0].detail).toMatch(/versión 2/);
  });

  it('deadlines that are not positive, and a reminder after its deadline', async () => {
    await refused(
      template((t) => {
        t.deadlines.acknowledgement = { amount: 0, unit: 'hours' };
        t.validity.from = inDays(30);
      }),
      /^deadlines\.acknowledgement\.amount$/,
      TEMPLATE_PATH,
      national,
    );
    await refused(
      template((t) => {
        t.reminders.acknowledgement = [{ amount: 3, unit: 'working-days' }];
        t.validity.from = inDays(30);
      }),
      /^reminders\.acknowledgement\.0$/,
      TEMPLATE_PATH,
      national,
    );
  });

  it('an escalation step to a person who does not exist, or a ladder that stops short of national', async () => {
    await refused(
      {
        inherits: 'national',
        overrides: {
          validity: { from: inDays(30) },
          escalation: {
            acknowledgement: [
              { after: { amount: 1, unit: 'working-days' }, notify: { staffId: 'nobody.here' } },
              { after: { amount: 2, unit: 'working-days' }, notify: { role: 'national-coordinator' } },
            ],
          },
        },
      },
      /escalation\.acknowledgement\.0/,
    );
    await refused(
      template((t) => {
        t.escalation.counterReferral = [
          { after: { amount: 1, unit: 'working-days' }, notify: { role: 'supervisor' } },
        ];
        t.validity.from = inDays(30);
      }),
      /^escalation\.counterReferral/,
      TEMPLATE_PATH,
      national,
    );
  });

  it('an eligible service that is not in the catalogue', async () => {
    await refused(
      {
        inherits: 'national',
        overrides: { validity: { from: inDays(30) }, eligibleServiceIds: ['no-such-service'] },
      },
      /eligibleServiceIds/,
    );
  });

  it('a definition for another subcategory than the path names, and an unknown subcategory', async () => {
    await refused(
      template((t) => (t.validity.from = inDays(30))),
      /^subcategory$/,
      '/cantons/quito/protocols/special-needs/disability',
    );
    const unknown = await rt.api('POST', '/cantons/quito/protocols/special-needs/astronauts/versions', {
      token: coordinator,
      body: template(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].parameter).toBe('subcategory');
  });

  it('inheriting where the national level has no template', async () => {
    const answer = await rt.api('POST', '/cantons/quito/protocols/urgent/home-destroyed/versions', {
      token: coordinator,
      body: { inherits: 'national', overrides: {} },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toMatch(/plantilla nacional/);
  });

  it('only coordinators publish, and only in their own canton', async () => {
    expect((await rt.api('POST', `${PATH}/versions`, { token: officer, body: template() })).status).toBe(403);
    expect(
      (await rt.api('POST', `${TEMPLATE_PATH}/versions`, { token: coordinator, body: template() })).status,
    ).toBe(404);
  });
});

describe('protocols offer only what the canton can refer to', () => {
  const DISABILITY = '/cantons/quito/protocols/special-needs/disability';
  const NATIONAL_DISABILITY = '/cantons/national/protocols/special-needs/disability';
  const serves = [{ category: 'special-needs', subcategory: 'disability' }];
  const provider = (name: string) => ({
    name,
    sector: 'public',
    contactOfficers: [
      {
        id: 'enlace',
        userId: `${name.toLowerCase().replace(/\W+/g, '.')}.enlace`,
        name: 'Enlace',
        position: 'Enlace',
        email: 'enlace@example.org',
        phone: '+593987000111',
        preferredChannel: 'email',
      },
    ],
    locations: [],
  });
  const service = (organizationId: string, name: string) => ({
    organizationId,
    name,
    description: name,
    serves,
    capacity: { total: 10, available: 10, waitlist: false },
    status: 'active',
    contactOfficerIds: ['enlace'],
  });
  /** The template for disability, naming only the national Bono Joaquín Gallegos Lara. */
  const disabilityTemplate = () =>
    template((t) => {
      t.subcategory = { category: 'special-needs', subcategory: 'disability' };
      t.eligibleServiceIds = ['bono-joaquin-gallegos-lara'];
      delete t.eligibility;
      t.validity = { from: today() };
    });

  beforeAll(async () => {
    const puts: [string, string, unknown][] = [
      ['/cantons/national/organizations/mies', national, provider('MIES')],
      ['/cantons/national/services/bono-joaquin-gallegos-lara', national, service('mies', 'Bono JGL')],
      ['/cantons/quito/organizations/fcj', coordinator, provider('Fundacion Cristo de la Calle')],
      ['/cantons/quito/services/fcj-terapias', coordinator, service('fcj', 'Terapias')],
    ];
    for (const [path, token, body] of puts) {
      const answer = await rt.api('PUT', path, { token, body });
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    }
    const published = await rt.api('POST', `${NATIONAL_DISABILITY}/versions`, {
      token: national,
      body: disabilityTemplate(),
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  });

  it('refuses a canton protocol that offers a national service, naming the field and saying to escalate', async () => {
    const full = disabilityTemplate();
    full.eligibleServiceIds = ['bono-joaquin-gallegos-lara', 'fcj-terapias'];
    const refused = await rt.api('POST', `${DISABILITY}/versions`, { token: coordinator, body: full });
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        pointer: '/eligibleServiceIds/0',
        detail: expect.stringMatching(
          /servicio nacional.*escalando la solicitud a la ventanilla única nacional \(POST \/cantons\/quito\/requests\/\{requestId\}\/escalation\)/,
        ),
      },
    ]);
    const inEnglish = await rt.api('POST', `${DISABILITY}/versions`, {
      token: coordinator,
      body: {
        inherits: 'national',
        overrides: { eligibleServiceIds: ['fcj-terapias', 'bono-joaquin-gallegos-lara'] },
      },
      headers: { 'accept-language': 'en' },
    });
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.body.errors).toEqual([
      {
        pointer: '/overrides/eligibleServiceIds/1',
        detail: expect.stringMatching(
          /national service.*escalating the request to the national single window/,
        ),
      },
    ]);
    expect((await rt.api('GET', DISABILITY, { token: officer })).body.versions).toEqual([]);
  });

  it('applies a template of national services in a canton as escalation targets, its own services referable', async () => {
    const applied = await rt.api('GET', DISABILITY, { token: officer });
    expect(applied.body).toMatchObject({ source: 'national' });
    expect(applied.body.referralTargets).toEqual({
      services: [{ serviceId: 'fcj-terapias', name: 'Terapias', organizationId: 'fcj', status: 'active' }],
      allServingSubcategory: true,
      escalation: {
        route: 'POST /cantons/quito/requests/{requestId}/escalation',
        nationalServices: [
          {
            serviceId: 'bono-joaquin-gallegos-lara',
            name: 'Bono JGL',
            organizationId: 'mies',
            status: 'active',
          },
        ],
        text: expect.stringMatching(/escale la solicitud a la ventanilla única nacional/),
      },
    });
  });

  it('inherits such a template as a usable canton protocol that escalates to the national services', async () => {
    const inherited = await rt.api('POST', `${DISABILITY}/versions`, {
      token: coordinator,
      body: { inherits: 'national', overrides: {} },
    });
    expect(inherited.status, JSON.stringify(inherited.body)).toBe(201);
    expect(inherited.body.definition).toMatchObject({
      eligibleServiceIds: [],
      nationalServiceIds: ['bono-joaquin-gallegos-lara'],
    });
    const overview = await rt.api('GET', DISABILITY, { token: officer });
    expect(overview.body.source).toBe('canton');
    expect(overview.body.referralTargets.services.map((s: { serviceId: string }) => s.serviceId)).toEqual([
      'fcj-terapias',
    ]);
    expect(
      overview.body.referralTargets.escalation.nationalServices.map(
        (s: { serviceId: string }) => s.serviceId,
      ),
    ).toEqual(['bono-joaquin-gallegos-lara']);

    // Usable: a request classified under it is referred to the canton's own service.
    const operator = await rt.token('operator', 'quito');
    const request = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({ classification: { category: 'special-needs', subcategory: 'disability' } }),
    });
    expect(request.body.protocol).toEqual({ cantonId: 'quito', version: 1 });
    const referral = await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
      token: officer,
      body: { serviceId: 'fcj-terapias' },
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
  });

  it('the national single window itself refers to the services of its templates', async () => {
    const overview = await rt.api('GET', NATIONAL_DISABILITY, { token: national });
    expect(overview.body.referralTargets).toMatchObject({
      services: [expect.objectContaining({ serviceId: 'bono-joaquin-gallegos-lara' })],
      allServingSubcategory: false,
      escalation: null,
    });
  });
});
