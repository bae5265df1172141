import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { placeOf } from '../support/problems.js';

let rt: TestRuntime;
let coordinator: string;
let officer: string;
let nationalCoordinator: string;

const organization = (overrides: Record<string, unknown> = {}) => ({
  name: 'Fundación Amigos del Adulto Mayor',
  sector: 'non-profit',
  email: 'info@amigos.example.org',
  contactOfficers: [
    {
      id: 'marta',
      userId: 'amigos.marta',
      name: 'Marta Salazar',
      position: 'Coordinadora de vinculación',
      email: 'marta@amigos.example.org',
      phone: '+593987000111',
      preferredChannel: 'sms',
    },
    {
      id: 'jorge',
      userId: 'amigos.jorge',
      name: 'Jorge Tapia',
      position: 'Analista',
      email: 'jorge@amigos.example.org',
      phone: '+593987000222',
      preferredChannel: 'email',
      supervisorId: 'marta',
    },
  ],
  locations: [
    {
      id: 'sede-norte',
      name: 'Sede Norte',
      kind: 'provider-site',
      address: { address1: 'Av. 6 de Diciembre N34-120', city: 'Quito', province: 'Pichincha' },
      latitude: -0.1807,
      longitude: -78.4784,
    },
    {
      id: 'punto-mariscal',
      name: 'Ventanilla Única — Punto La Mariscal',
      kind: 'service-point',
      address: { address1: 'Juan León Mera N23-45', city: 'Quito', province: 'Pichincha' },
      latitude: -0.2032,
      longitude: -78.4908,
    },
  ],
  ...overrides,
});

const service = (overrides: Record<string, unknown> = {}) => ({
  organizationId: 'amigos',
  name: 'Cuidado diurno para adultos mayores',
  description: 'Atención diurna con alimentación, terapia ocupacional y acompañamiento',
  serves: [{ category: 'special-needs', subcategory: 'older-adults' }],
  eligibility: {
    all: [
      { attribute: 'age', op: 'gte', value: 65 },
      { attribute: 'povertyClassification', op: 'in', value: ['extreme-poverty', 'poverty'] },
    ],
  },
  requiredDocuments: ['Cédula de identidad'],
  schedules: [{ byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '08:00', closesAt: '16:00' }],
  capacity: { total: 30, available: 2, waitlist: false },
  locationIds: ['sede-norte'],
  contactOfficerIds: ['jorge'],
  ...overrides,
});

beforeAll(async () => {
  rt = await startTestRuntime();
  coordinator = await rt.token('coordinator', 'quito');
  officer = await rt.token('swcs-officer', 'quito');
  nationalCoordinator = await rt.token('coordinator', 'national');
  expect(
    (await rt.api('PUT', '/cantons/quito/organizations/amigos', { token: coordinator, body: organization() }))
      .status,
  ).toBe(200);
  expect(
    (await rt.api('PUT', '/cantons/quito/services/cuidado-diurno', { token: coordinator, body: service() }))
      .status,
  ).toBe(200);
  await rt.api('PUT', '/cantons/national/organizations/mies', {
    token: nationalCoordinator,
    body: organization({
      name: 'Ministerio de Inclusión Económica y Social',
      sector: 'public',
      locations: [],
    }),
  });
  await rt.api('PUT', '/cantons/national/services/pension-mis-mejores-anos', {
    token: nationalCoordinator,
    body: service({
      organizationId: 'mies',
      name: 'Pensión Mis Mejores Años',
      description: 'Pensión no contributiva para personas adultas mayores en pobreza extrema',
      locationIds: [],
      capacity: { total: 1000, available: 0, waitlist: true },
    }),
  });
});
afterAll(() => rt.stop());

describe('managing the catalogue', () => {
  it('keeps every change with who made it and when', async () => {
    const changed = await rt.api('PUT', '/cantons/quito/services/cuidado-diurno', {
      token: coordinator,
      body: service({ capacity: { total: 40, available: 2, waitlist: true } }),
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, level: 'canton', updatedBy: 'uio.coordinadora' });
    const { body } = await rt.api('GET', '/cantons/quito/services/cuidado-diurno', { token: officer });
    expect(body.history).toEqual([
      expect.objectContaining({
        action: 'created',
        by: expect.objectContaining({ userId: 'uio.coordinadora' }),
      }),
      expect.objectContaining({ action: 'updated', details: { fields: ['capacity'] } }),
    ]);
    expect(body.eligibilityDescription).toMatch(/65 años o más/);
    // The same replacement again (a retry) has nothing to change: the service as it is, no new version.
    const same = await rt.api('PUT', '/cantons/quito/services/cuidado-diurno', {
      token: coordinator,
      body: service({ capacity: { total: 40, available: 2, waitlist: true } }),
    });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
  });

  it('only lets coordinators manage it', async () => {
    const answer = await rt.api('PUT', '/cantons/quito/services/other', { token: officer, body: service() });
    expect(answer.status).toBe(403);
  });

  it('lets every canton read the national catalogue, but only national staff change it', async () => {
    const read = await rt.api('GET', '/cantons/national/services/pension-mis-mejores-anos', {
      token: officer,
    });
    expect(read.status).toBe(200);
    expect(read.body.level).toBe('national');
    const write = await rt.api('PUT', '/cantons/national/services/pension-mis-mejores-anos', {
      token: coordinator,
      body: service({ organizationId: 'mies' }),
    });
    expect(write.status).toBe(404);
  });

  it('deactivates a service, which then is no longer offered as available', async () => {
    await rt.api('PUT', '/cantons/quito/services/taller-temporal', {
      token: coordinator,
      body: service({ name: 'Taller de memoria', description: 'Taller temporal' }),
    });
    const answer = await rt.api('POST', '/cantons/quito/services/taller-temporal/deactivation', {
      token: coordinator,
      body: { reason: 'Terminó el convenio' },
    });
    expect(answer.body.status).toBe('inactive');
    const again = await rt.api('POST', '/cantons/quito/services/taller-temporal/deactivation', {
      token: coordinator,
      body: { reason: 'otra vez' },
    });
    expect(again.status).toBe(409);
    const available = await rt.api('GET', '/cantons/quito/services?available=true&text=memoria', {
      token: officer,
    });
    expect(available.body.items).toEqual([]);
  });
});

describe('contact officers and availability', () => {
  it("lets a provider's contact officer update its spots, and nobody else's", async () => {
    const jorge = await rt.token('contact-officer', 'quito', 'amigos.jorge');
    const updated = await rt.api('PATCH', '/cantons/quito/services/cuidado-diurno/availability', {
      token: jorge,
      body: { available: 5 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.capacity.available).toBe(5);

    const stranger = await rt.token('contact-officer', 'quito', 'otra.fundacion');
    const refused = await rt.api('PATCH', '/cantons/quito/services/cuidado-diurno/availability', {
      token: stranger,
      body: { available: 0 },
    });
    expect(refused.status).toBe(404);
    const { body } = await rt.api('GET', '/cantons/quito/services/cuidado-diurno', { token: officer });
    expect(body.capacity.available).toBe(5);
  });

  it('refuses more available spots than the total, and negative or fractional spots', async () => {
    const jorge = await rt.token('contact-officer', 'quito', 'amigos.jorge');
    const tooMany = await rt.api('PATCH', '/cantons/quito/services/cuidado-diurno/availability', {
      token: jorge,
      body: { available: 500 },
    });
    expect(tooMany.status).toBe(409);
    for (const available of [-1, 2.5]) {
      const bad = await rt.api('PATCH', '/cantons/quito/services/cuidado-diurno/availability', {
        token: jorge,
        body: { available },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].pointer).toBe('/available');
    }
  });
});

describe('finding services for a citizen', () => {
  it('searches by subcategory and text across the canton and national catalogues', async () => {
    const bySubcategory = await rt.api(
      'GET',
      '/cantons/quito/services?category=special-needs&subcategory=older-adults&status=active',
      { token: officer },
    );
    expect(bySubcategory.body.items.map((s: { id: string }) => s.id).sort()).toEqual([
      'cuidado-diurno',
      'pension-mis-mejores-anos',
    ]);
    const byText = await rt.api('GET', '/cantons/quito/services?text=pension%20mejores', { token: officer });
    expect(byText.body.items.map((s: { id: string }) => s.id)).toEqual(['pension-mis-mejores-anos']);
    const accents = await rt.api('GET', '/cantons/quito/services?text=alimentacion', { token: officer });
    expect(accents.body.items.map((s: { id: string }) => s.id)).toContain('cuidado-diurno');
    const onlyCanton = await rt.api(
      'GET',
      '/cantons/quito/services?includeNational=false&subcategory=older-adults',
      {
        token: officer,
      },
    );
    expect(onlyCanton.body.items.every((s: { level: string }) => s.level === 'canton')).toBe(true);
  });

  it('explains, for each service a citizen is not eligible for, which criterion failed', async () => {
    const answer = await rt.api('POST', '/cantons/quito/services/eligibility', {
      token: officer,
      body: { profile: { age: 58, povertyClassification: 'poverty' }, subcategory: 'older-adults' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.eligible).toEqual([]);
    const reasons = Object.fromEntries(
      answer.body.ineligible.map((i: { service: { id: string }; unmet: { text: string }[] }) => [
        i.service.id,
        i.unmet.map((u) => u.text),
      ]),
    );
    expect(reasons['cuidado-diurno']).toEqual([expect.stringMatching(/65 años o más.*58/)]);

    const eligible = await rt.api('POST', '/cantons/quito/services/eligibility', {
      token: officer,
      body: { profile: { age: 70, povertyClassification: 'extreme-poverty' }, subcategory: 'older-adults' },
    });
    expect(eligible.body.eligible.map((s: { id: string }) => s.id).sort()).toEqual([
      'cuidado-diurno',
      'pension-mis-mejores-anos',
    ]);
    // The national pension is listed, but a canton reaches it by escalating the request, not by referring it.
    expect(eligible.body.escalation).toEqual({
      serviceIds: ['pension-mis-mejores-anos'],
      route: 'POST /cantons/quito/requests/{requestId}/escalation',
      text: expect.stringMatching(/escale la solicitud a la ventanilla única nacional/),
    });
  });

  it('finds the nearest service points', async () => {
    const answer = await rt.api('GET', '/cantons/quito/service-points?latitude=-0.2100&longitude=-78.4900', {
      token: officer,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.items[0]).toMatchObject({ location: { id: 'punto-mariscal' } });
    expect(answer.body.items[0].distanceKm).toBeGreaterThan(0);
    expect(answer.body.items[0].distanceKm).toBeLessThan(2);
  });
});

describe('bad catalogue input: clear 4xx, nothing changed', () => {
  const refused = async (path: string, body: unknown, field: string) => {
    const answer = await rt.api('PUT', path, { token: coordinator, body });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map(placeOf)).toContain(field);
    return answer;
  };

  it('an invalid phone or e-mail of a contact officer', async () => {
    const [first, second] = organization().contactOfficers;
    await refused(
      '/cantons/quito/organizations/bad-phone',
      organization({ contactOfficers: [{ ...first, phone: '0987000111' }, second] }),
      'contactOfficers.0.phone',
    );
    await refused(
      '/cantons/quito/organizations/bad-mail',
      organization({ contactOfficers: [first, { ...second, email: 'jorge-at-amigos' }] }),
      'contactOfficers.1.email',
    );
    const missing = await rt.api('GET', '/cantons/quito/organizations/bad-phone', { token: coordinator });
    expect(missing.status).toBe(404);
  });

  it('negative or non-integer spots, and more available than total', async () => {
    await refused(
      '/cantons/quito/services/x1',
      service({ capacity: { total: -3, available: 0 } }),
      'capacity.total',
    );
    await refused(
      '/cantons/quito/services/x2',
      service({ capacity: { total: 3.5, available: 0 } }),
      'capacity.total',
    );
    await refused(
      '/cantons/quito/services/x3',
      service({ capacity: { total: 3, available: 4 } }),
      'capacity.available',
    );
  });

  it('an eligibility rule naming an unknown attribute or comparing with the wrong type', async () => {
    const unknown = await refused(
      '/cantons/quito/services/x4',
      service({ eligibility: { attribute: 'shoeSize', op: 'gt', value: 40 } }),
      'eligibility.attribute',
    );
    expect(unknown.body.errors[0].detail).toMatch(/shoeSize/);
    await refused(
      '/cantons/quito/services/x5',
      service({ eligibility: { all: [{ attribute: 'age', op: 'gte', value: 'sesenta' }] } }),
      'eligibility.all.0.value',
    );
  });

  it('a service pointing at another organization, location or contact officer', async () => {
    await refused('/cantons/quito/services/x6', service({ organizationId: 'nobody' }), 'organizationId');
    await refused('/cantons/quito/services/x7', service({ locationIds: ['elsewhere'] }), 'locationIds.0');
    await refused(
      '/cantons/quito/services/x8',
      service({ contactOfficerIds: ['ghost'] }),
      'contactOfficerIds.0',
    );
    await refused(
      '/cantons/quito/services/x9',
      service({ serves: [{ category: 'urgent', subcategory: 'older-adults' }] }),
      'serves.0.subcategory',
    );
  });

  it('a supervisor who is not another contact officer of the organization', async () => {
    const [first, second] = organization().contactOfficers;
    await refused(
      '/cantons/quito/organizations/bad-supervisor',
      organization({ contactOfficers: [first, { ...second, supervisorId: 'nadie' }] }),
      'contactOfficers.1.supervisorId',
    );
  });
});
