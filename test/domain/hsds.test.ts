import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportHsds } from '../../functions/domain/hsds/export.js';
import { SWCS_UUID_NAMESPACE, uuidV5 } from '../../functions/domain/hsds/ids.js';
import { importHsds } from '../../functions/domain/hsds/import.js';
import type { PointedProblem } from '../../functions/domain/hsds/problems.js';
import { HSDS_SERVICE_STATUSES, HsdsDocument, hsdsProblems } from '../../functions/domain/hsds/schema.js';
import {
  OrganizationInput,
  type OrganizationInputType,
  ServiceInput,
  type ServiceInputType,
} from '#http/schemas/catalogue.js';

// Fixtures are plain JSON, mutated freely to make bad documents.
type Json = any;

const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/hsds/${name}`, import.meta.url), 'utf8'));

const AS_OF = '2025-03-03T09:00:00.000-05:00';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function catalogue(): { organizations: OrganizationInputType[]; services: ServiceInputType[] } {
  const raw = fixture('catalogue.json');
  return {
    organizations: raw.organizations.map((o: unknown) => OrganizationInput.parse(o)),
    services: raw.services.map((s: unknown) => ServiceInput.parse(s)),
  };
}

const exported = () => exportHsds({ ...catalogue(), cantonId: 'quito', asOf: AS_OF });

/** Every object in a document, with its JSON pointer and the name of the array or field that holds it. */
function* objects(value: Json, pointer = '', holder = ''): Generator<[Json, string, string]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* objects(item, `${pointer}/${i}`, holder);
  } else if (value !== null && typeof value === 'object') {
    yield [value, pointer, holder];
    for (const [key, item] of Object.entries(value)) yield* objects(item, `${pointer}/${key}`, key);
  }
}

function expectFailure(result: ReturnType<typeof importHsds>): PointedProblem[] {
  if (result.ok) throw new Error('expected the import to fail');
  return result.errors;
}

describe('HSDS export', () => {
  it('gives the reviewed golden document for the Quito fixture (ids must never change)', () => {
    expect(exported()).toEqual(fixture('quito-export.json'));
  });

  it('validates against the HSDS schema', () => {
    const doc = exported();
    expect(hsdsProblems(doc)).toEqual([]);
    expect(HsdsDocument.safeParse(doc).success).toBe(true);
    // What a third-party validator would check too: JSON in, JSON out.
    expect(hsdsProblems(JSON.parse(JSON.stringify(doc)))).toEqual([]);
  });

  it('keeps the spec: uuid ids, required fields, status values, weekly schedules with offsets', () => {
    const required: Record<string, string[]> = {
      organizations: ['id', 'name', 'description'],
      services: ['id', 'name', 'status'],
      locations: ['id', 'location_type'],
      addresses: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
      phones: ['id', 'number'],
      contacts: ['id'],
      schedules: ['id'],
      capacities: ['id', 'unit', 'available', 'updated'],
      unit: ['id', 'name'],
      attributes: ['id'],
      taxonomy_term: ['id', 'name', 'description'],
    };
    const seen = new Set<string>();
    for (const [object, pointer, holder] of objects(exported())) {
      if (holder === '') continue;
      seen.add(holder);
      expect(object.id, pointer).toMatch(UUID);
      for (const field of required[holder] ?? []) expect(object, `${pointer}/${field}`).toHaveProperty(field);
      for (const [key, value] of Object.entries(object)) {
        if (key.endsWith('_id')) expect(value, `${pointer}/${key}`).toMatch(UUID);
      }
      if (holder === 'services') expect(HSDS_SERVICE_STATUSES).toContain(object.status);
      if (holder === 'locations') expect(object.location_type).toBe('physical');
      if (holder === 'schedules') {
        expect(object.freq).toBe('WEEKLY');
        expect(object.byday).toMatch(/^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/);
        expect(object.opens_at).toMatch(/^\d{2}:\d{2}-05:00$/);
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(Object.keys(required)));
    const statuses = exported().organizations.flatMap((o) => (o.services ?? []).map((s) => s.status));
    expect(statuses).toContain('temporarily closed');
  });

  it('derives UUID v5 ids: the same catalogue and canton always give the same ids, another canton others', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    const first = exported();
    expect(exported()).toEqual(first);
    const org = first.organizations[0];
    expect(org?.id).toBe(uuidV5(SWCS_UUID_NAMESPACE, 'quito/organization/mies-zonal-9'));
    expect(org?.id[14]).toBe('5');
    const elsewhere = exportHsds({ ...catalogue(), cantonId: 'cuenca', asOf: AS_OF });
    expect(elsewhere.organizations[0]?.id).not.toBe(org?.id);
    const ids = [...objects(first)]
      .filter(([, pointer]) => !/\/services\/\d+\/contacts\//.test(pointer))
      .map(([o]) => o.id);
    // Contacts repeat under each service by design; terms and the unit are shared; everything else is unique.
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    const shared = new Set(
      [...objects(first)].filter(([, , h]) => h === 'taxonomy_term' || h === 'unit').map(([o]) => o.id),
    );
    expect(repeated.filter((id) => !shared.has(id))).toEqual([]);
  });

  it('carries what HSDS has no field for in SWCS taxonomy attributes', () => {
    const [mies] = exported().organizations;
    const codes = (list: { taxonomy_term?: { code?: string }; value?: string }[] | undefined) =>
      (list ?? []).map((a) => [a.taxonomy_term?.code, a.value]);
    expect(codes(mies?.attributes)).toEqual([
      ['swcs:id', 'mies-zonal-9'],
      ['swcs:sector:public', undefined],
    ]);
    const cdi = mies?.services?.[0];
    expect(codes(cdi?.attributes).map(([code]) => code)).toEqual([
      'swcs:id',
      'swcs:serves:non-urgent/child-development',
      'swcs:serves:special-needs/children-at-risk',
      'swcs:capacity:waitlist',
      'swcs:eligibility-rule',
    ]);
    expect(cdi?.capacities).toEqual([expect.objectContaining({ available: 4, maximum: 60, updated: AS_OF })]);
    expect(codes(mies?.contacts?.[0]?.attributes)).toEqual([
      ['swcs:id', 'enlace-mies-cdi'],
      ['swcs:officer:user', 'uio.enlace.mies1'],
      ['swcs:officer:channel:email', undefined],
      ['swcs:officer:language:es', undefined],
      ['swcs:officer:supervisor', 'enlace-mies-jefatura'],
    ]);
    expect(codes(mies?.locations?.[1]?.attributes)).toEqual([
      ['swcs:id', 'punto-quitumbe'],
      ['swcs:location:service-point', undefined],
    ]);
  });

  it('takes the stored records too: their level becomes a term, their last update the capacity date', () => {
    const { organizations, services } = catalogue();
    const stamp = (updatedAt: string) => ({
      cantonId: 'quito',
      level: 'canton' as const,
      version: 3,
      createdAt: '2025-01-10T15:00:00.000Z',
      createdBy: 'uio.coordinadora',
      updatedAt,
      updatedBy: 'uio.coordinadora',
    });
    const doc = exportHsds({
      organizations: organizations.map((o) => ({ ...o, ...stamp('2025-02-01T15:00:00.000Z') })),
      services: services.map((s) => ({ ...s, ...stamp('2025-03-01T13:30:00.000Z') })),
      cantonId: 'quito',
    });
    const [mies] = doc.organizations;
    expect(mies?.attributes?.map((a) => a.taxonomy_term?.code)).toEqual([
      'swcs:id',
      'swcs:level:canton',
      'swcs:sector:public',
    ]);
    expect(mies?.services?.[0]?.attributes?.[1]?.taxonomy_term?.code).toBe('swcs:level:canton');
    expect(mies?.services?.[0]?.capacities?.[0]?.updated).toBe('2025-03-01T13:30:00.000Z');
    expect(hsdsProblems(doc)).toEqual([]);
    // The import gives catalogue content: stamps belong to the catalogue it goes into.
    expect(importHsds(doc)).toStrictEqual({
      ok: true,
      shape: 'organizations',
      organizations,
      services,
      kept: [],
    });
  });

  it("writes opening times with the canton's offset", () => {
    const doc = exportHsds({
      ...catalogue(),
      cantonId: 'santa-cruz',
      timeZone: 'Pacific/Galapagos',
      asOf: AS_OF,
    });
    expect(doc.organizations[0]?.services?.[0]?.schedules?.[0]).toMatchObject({
      opens_at: '07:30-06:00',
      closes_at: '16:30-06:00',
    });
    const back = importHsds(doc, { timeZone: 'Pacific/Galapagos' });
    expect(back.ok && back.services[0]?.schedules[0]).toMatchObject({ opensAt: '07:30', closesAt: '16:30' });
  });

  it('refuses a catalogue whose services name what it does not have', () => {
    const { organizations, services } = catalogue();
    const [first] = services;
    if (!first) throw new Error('fixture has services');
    expect(() =>
      exportHsds({ organizations, services: [{ ...first, locationIds: ['nowhere'] }], cantonId: 'quito' }),
    ).toThrow('unknown location "nowhere"');
    expect(() => exportHsds({ organizations: [], services, cantonId: 'quito' })).toThrow(
      'unknown organization',
    );
  });
});

describe('HSDS round trip', () => {
  it('gives back exactly the catalogue that was exported', () => {
    const original = catalogue();
    const back = importHsds(exportHsds({ ...original, cantonId: 'quito', asOf: AS_OF }));
    expect(back).toStrictEqual({ ok: true, shape: 'organizations', ...original, kept: [] });
  });

  it('gives back exactly an SWCS-made document', () => {
    const doc = fixture('quito-export.json');
    const back = importHsds(doc);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    const again = exportHsds({
      organizations: back.organizations,
      services: back.services,
      cantonId: 'quito',
      asOf: AS_OF,
    });
    expect(again).toStrictEqual(doc);
  });
});

describe('HSDS round trip of the seed catalogues', () => {
  const cantons = readdirSync(new URL('../../cantons/catalogue/', import.meta.url)).map((f) =>
    f.replace('.json', ''),
  );

  it.each(cantons)('%s: exports valid HSDS and imports back the same catalogue', (cantonId) => {
    const read = (path: string): Json => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
    const seed = read(`../../cantons/catalogue/${cantonId}.json`);
    const { timeZone } = read(`../../cantons/${cantonId}.json`);
    const organizations = seed.organizations.map((o: unknown) => OrganizationInput.parse(o));
    const services = seed.services.map((s: unknown) => ServiceInput.parse(s));
    // Import gives services grouped by organization.
    const grouped = organizations.flatMap((o: OrganizationInputType) =>
      services.filter((s: ServiceInputType) => s.organizationId === o.id),
    );
    const doc = exportHsds({ organizations, services, cantonId, timeZone, asOf: AS_OF });
    expect(hsdsProblems(doc)).toEqual([]);
    expect(importHsds(doc, { timeZone })).toStrictEqual({
      ok: true,
      shape: 'organizations',
      organizations,
      services: grouped,
      kept: [],
    });
  });
});

describe('HSDS import errors', () => {
  it('reports every problem of a broken document, with its JSON pointer, in Spanish and English', () => {
    const doc = fixture('quito-export.json');
    const [mies, fundacion, parroquia] = doc.organizations;
    mies.services[1].status = 'closed';
    mies.contacts[0].phones[0].number = '12345';
    delete fundacion.services[0].name;
    fundacion.services[0].capacities[0].available = 30; // of 24
    fundacion.services[1].id = fundacion.services[0].id;
    delete fundacion.locations[0].latitude;
    delete fundacion.locations[0].longitude;
    parroquia.contacts[0].email = 'comedor-at-example.org';
    parroquia.services[0].attributes[1].taxonomy_term.code = 'swcs:serves:emergency/flood';
    delete parroquia.services[0].description;

    const errors = expectFailure(importHsds(doc));
    expect(errors.map((e) => e.pointer)).toEqual([
      '/organizations/0/contacts/0/phones/0/number',
      '/organizations/0/services/1/status',
      '/organizations/1/locations/0/latitude',
      '/organizations/1/locations/0/longitude',
      '/organizations/1/services/0/capacities/0/available',
      '/organizations/1/services/0/name',
      '/organizations/1/services/1/id',
      '/organizations/2/contacts/0/email',
      '/organizations/2/services/0/attributes/1/taxonomy_term/code',
      '/organizations/2/services/0/description',
    ]);
    const at = (pointer: string) => errors.find((e) => e.pointer === pointer)?.problem;
    expect(at('/organizations/0/services/1/status')).toEqual({
      es: 'debe ser uno de: "active", "inactive", "defunct", "temporarily closed"',
      en: 'must be one of: "active", "inactive", "defunct", "temporarily closed"',
    });
    expect(at('/organizations/1/services/0/name')).toEqual({
      es: 'es obligatorio en HSDS',
      en: 'is required by HSDS',
    });
    expect(at('/organizations/0/contacts/0/phones/0/number')?.en).toBe(
      'must be in E.164 format, e.g. +593991234567',
    );
    expect(at('/organizations/2/services/0/attributes/1/taxonomy_term/code')).toEqual({
      es: 'categoría desconocida "emergency"',
      en: 'unknown category "emergency"',
    });
    expect(at('/organizations/1/locations/0/latitude')).toEqual({
      es: 'SWCS necesita este dato',
      en: 'SWCS needs this value',
    });
    expect(at('/organizations/1/services/0/capacities/0/available')?.en).toBe(
      'cannot exceed the total number of spots',
    );
    expect(at('/organizations/1/services/1/id')?.en).toBe(
      `id "${fundacion.services[0].id}" is repeated (already used by /organizations/1/services/0/id)`,
    );
    expect(at('/organizations/2/contacts/0/email')?.es).toBe('debe ser un correo electrónico válido');
    for (const { problem } of errors) {
      expect(problem.es).not.toBe('');
      expect(problem.en).not.toBe('');
      expect(problem.es).not.toBe(problem.en);
    }
  });

  it('points at the spec violations of any document', () => {
    expect(hsdsProblems({ organizations: [{ id: 'org-1', name: 'Fundación X', locations: [{}] }] })).toEqual([
      { pointer: '/organizations/0/id', problem: { es: 'debe ser un UUID', en: 'must be a UUID' } },
      {
        pointer: '/organizations/0/description',
        problem: { es: 'es obligatorio en HSDS', en: 'is required by HSDS' },
      },
      {
        pointer: '/organizations/0/locations/0/id',
        problem: { es: 'es obligatorio en HSDS', en: 'is required by HSDS' },
      },
      {
        pointer: '/organizations/0/locations/0/location_type',
        problem: { es: 'es obligatorio en HSDS', en: 'is required by HSDS' },
      },
    ]);
    expect(hsdsProblems([])).toEqual([
      { pointer: '', problem: { es: 'debe ser un objeto', en: 'must be an object' } },
    ]);
  });

  it('rejects SWCS terms that do not exist or do not apply, and eligibility rules that are not rules', () => {
    const doc = fixture('quito-export.json');
    const [mies] = doc.organizations;
    mies.attributes[1].taxonomy_term.code = 'swcs:sector:government';
    mies.locations[0].attributes[1].taxonomy_term.code = 'swcs:sector:public';
    const rule = mies.services[0].attributes.find(
      (a: Json) => a.taxonomy_term.code === 'swcs:eligibility-rule',
    );
    rule.value = '{"attribute":"age","op":"lte"';
    mies.services[1].schedules[0].freq = 'MONTHLY';
    const violencia = doc.organizations[1].services[1];
    violencia.attributes.find((a: Json) => a.taxonomy_term.code === 'swcs:eligibility-rule').value =
      '{"attribute":"sex","op":"eq","value":"woman"}';

    const errors = expectFailure(importHsds(doc));
    expect(errors).toEqual([
      {
        pointer: '/organizations/0/attributes/1/taxonomy_term/code',
        problem: {
          es: '"swcs:sector:government" no es un término SWCS para una organización',
          en: '"swcs:sector:government" is not an SWCS term for an organization',
        },
      },
      {
        pointer: '/organizations/0/locations/0/attributes/1/taxonomy_term/code',
        problem: {
          es: '"swcs:sector:public" no es un término SWCS para una ubicación',
          en: '"swcs:sector:public" is not an SWCS term for a location',
        },
      },
      {
        pointer: '/organizations/0/services/0/attributes/4/value',
        problem: {
          es: 'la regla de elegibilidad no es JSON válido',
          en: 'the eligibility rule is not valid JSON',
        },
      },
      {
        pointer: '/organizations/0/services/1/schedules/0/freq',
        problem: { es: 'SWCS solo admite horarios semanales', en: 'SWCS only takes weekly schedules' },
      },
      {
        pointer: '/organizations/1/services/1/attributes/3/value',
        problem: {
          es: "value: 'sex' admite female o male, no 'woman'",
          en: "value: 'sex' takes female or male, not 'woman'",
        },
      },
    ]);
  });
});

describe('HSDS import of third-party documents', () => {
  const servesTerm = (code: string, n: number) => ({
    id: `0c6f3e2a-5b1d-4e8f-9a7c-00000000000${n}`,
    taxonomy_term: { id: `0c6f3e2a-5b1d-4e8f-9a7c-10000000000${n}`, code, name: code, description: code },
  });

  function withCategories(): Json {
    const doc = fixture('third-party.json');
    doc.organizations[0].services[0].attributes.push(servesTerm('swcs:serves:non-urgent/food-assistance', 1));
    doc.organizations[0].services[1].attributes = [servesTerm('swcs:serves:non-urgent/employment', 2)];
    doc.organizations[1].services[0].attributes = [servesTerm('swcs:serves:non-urgent/food-assistance', 3)];
    return doc;
  }

  it('is valid HSDS', () => {
    expect(hsdsProblems(fixture('third-party.json'))).toEqual([]);
  });

  it('says clearly, at each service, that categories cannot be guessed', () => {
    const errors = expectFailure(importHsds(fixture('third-party.json')));
    expect(errors.map((e) => e.pointer)).toEqual([
      '/organizations/0/services/0',
      '/organizations/0/services/1',
      '/organizations/1/services/0',
    ]);
    expect(errors[0]?.problem).toEqual({
      es:
        'SWCS necesita saber qué solicitudes atiende el servicio: añada un atributo con un término ' +
        'swcs:serves:<categoría>/<subcategoría>',
      en:
        'SWCS needs to know which requests the service answers: add an attribute with an ' +
        'swcs:serves:<category>/<subcategory> term',
    });
  });

  it('imports once the categories are there, deriving what SWCS needs', () => {
    const result = importHsds(withCategories());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [nucanchik, iglesia] = result.organizations;

    // The publisher's ids; sectors from legal_status; phones to E.164.
    expect(result.organizations.map((o) => [o.id, o.sector, o.phone])).toEqual([
      ['f2a4816e-f03a-4526-95e7-c0f243d06b8b', 'non-profit', '+59322951234'],
      ['3d8d0f61-5d2c-4f0e-9a44-61f0b2f1d8a3', 'religious', undefined],
    ]);
    // Contacts nested only under a service join the organization's contact officers.
    expect(nucanchik?.contactOfficers).toEqual([
      {
        id: 'de893f0f-90e5-4eb4-ad35-cb7d85ce5ec7',
        userId: 'rosa.quishpe@nucanchikwasi.example.org',
        name: 'Rosa Quishpe',
        position: 'Coordinadora de programas',
        email: 'Rosa.Quishpe@nucanchikwasi.example.org',
        phone: '+593998765432',
        preferredChannel: 'email',
        language: 'es',
      },
      expect.objectContaining({
        id: '1ca2b2e3-56ec-412a-9fa2-95fd893bcf49',
        position: 'Emprendimiento',
        phone: '+593997654321',
      }),
    ]);
    // The virtual location is skipped; the one nested under a service joins the organization's.
    expect(nucanchik?.locations.map((l) => [l.id, l.kind, l.address.address1, l.address.postalCode])).toEqual(
      [
        [
          '767f0711-534c-416b-868d-795bc77b973c',
          'provider-site',
          'Av. Mariscal Sucre S40-120, Barrio Chillogallo',
          '170701',
        ],
        ['efb12b47-2ad8-40a0-9c20-20dfa9b82326', 'provider-site', 'Calle S55 y Av. Ajaví', undefined],
      ],
    );
    expect(iglesia?.contactOfficers[0]?.phone).toBe('+59322589900');

    const [banco, talleres, banco2] = result.services;
    expect(banco).toMatchObject({
      id: 'f1433474-1511-48fa-9557-ad08d8be6530',
      organizationId: 'f2a4816e-f03a-4526-95e7-c0f243d06b8b',
      serves: [{ category: 'non-urgent', subcategory: 'food-assistance' }],
      schedules: [{ byDay: ['TU', 'TH'], opensAt: '09:00', closesAt: '13:00' }],
      capacity: { total: 50, available: 30, waitlist: false },
      locationIds: ['767f0711-534c-416b-868d-795bc77b973c'],
      contactOfficerIds: ['de893f0f-90e5-4eb4-ad35-cb7d85ce5ec7'],
      requiredDocuments: ['Cédula de identidad'],
    });
    expect(talleres).toMatchObject({
      status: 'temporarily-closed',
      // 14:00Z and 22:00Z in Quito.
      schedules: [{ byDay: ['MO', 'WE'], opensAt: '09:00', closesAt: '17:00', note: 'Se reanudan en abril' }],
      capacity: { total: 12, available: 12 },
      locationIds: ['efb12b47-2ad8-40a0-9c20-20dfa9b82326'],
      contactOfficerIds: ['1ca2b2e3-56ec-412a-9fa2-95fd893bcf49'],
    });
    // Two services of the same name are two services: each is its publisher's id.
    expect(banco2?.id).toBe('4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a');
  });

  it('reports what SWCS needs and the document lacks, where it should be', () => {
    const doc = withCategories();
    const [nucanchik] = doc.organizations;
    delete nucanchik.services[0].capacities;
    nucanchik.services[1].contacts = [];
    delete nucanchik.contacts[0].title;
    nucanchik.locations[0].addresses = [];
    delete doc.organizations[1].contacts[0].email;

    expect(expectFailure(importHsds(doc))).toEqual([
      {
        pointer: '/organizations/0/contacts/0/title',
        problem: { es: 'SWCS necesita este dato', en: 'SWCS needs this value' },
      },
      {
        pointer: '/organizations/0/locations/0/addresses',
        problem: { es: 'SWCS necesita este dato', en: 'SWCS needs this value' },
      },
      {
        pointer: '/organizations/0/services/0/capacities',
        problem: {
          es: 'SWCS necesita los cupos del servicio: añada una capacidad (available y maximum)',
          en: "SWCS needs the service's spots: add a capacity (available and maximum)",
        },
      },
      {
        pointer: '/organizations/0/services/1/contacts',
        problem: {
          es: 'SWCS necesita al menos un contacto: el funcionario de enlace que recibe las derivaciones',
          en: 'SWCS needs at least one contact: the contact officer who receives referrals',
        },
      },
      // Their e-mail is also their user id: one problem, said once.
      {
        pointer: '/organizations/1/contacts/0/email',
        problem: { es: 'SWCS necesita este dato', en: 'SWCS needs this value' },
      },
    ]);
  });
});
