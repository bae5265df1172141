import { readFileSync } from 'node:fs';
import { CANTON, type BenchRuntime, type ReferralFixture } from './fixture.js';
import { apiOperation, documented, type Ids, type Operation, setUp } from './operation.js';

/**
 * The social registry: screening, local benefits, sharing consent, information-update requests, provisional
 * identities (attention without ID) and their merge, and the ministry's batch import, as the registry handler tests
 * (test/handlers/registry*.test.ts) drive them, on the demo registry.
 */
const ROSA = '1710034065';
/**
 * Whom the screening reads: Juan Patricio Tenesaca (demo household HH-UIO-000005), with a file as a citizen's
 * usually is — two requests, one of them referred. (Rosa's file holds every request the benchmarks record.)
 */
export const SCREENED = { nationalId: '1740847957', householdId: 'HH-UIO-000005' };
/** Valid cédulas that no household of the demo registry has: where provisional identities are merged. */
const UNREGISTERED = ['0926687856', '0924681356'];
const DAY_CENTRE = 'mies9-gerontologico-diurno';
const PROVIDER = 'mies-zonal-9';
const FAMILIES = ['Mendoza', 'Paredes', 'Salazar', 'Quispe', 'Torres', 'Vera', 'Zambrano', 'Ortiz', 'Rojas'];

/** A household of the demo registry that the import writes again, changed (an identical one writes nothing). */
function demoHousehold(): Record<string, any> {
  const lines = readFileSync(new URL('../registry/demo-registry.jsonl', import.meta.url), 'utf8').split('\n');
  return JSON.parse(lines[4] as string);
}

export async function registryOperations(rt: BenchRuntime, fx: ReferralFixture): Promise<Operation[]> {
  const r = `/cantons/${CANTON}/registry`;
  const [officer, manager, admin] = await Promise.all([
    rt.token('swcs-officer', CANTON, 'uio.tecnica1'),
    rt.token('case-manager', CANTON, 'uio.gestora'),
    rt.token('admin', 'national', 'nat.admin'),
  ]);
  let serial = 0;
  const household = demoHousehold();

  const referredToDayCentre = async (): Promise<Ids> => {
    const request = await fx.newRequest({
      classification: { category: 'special-needs', subcategory: 'older-adults' },
    });
    await fx.refer(request, undefined, DAY_CENTRE);
    return { request };
  };
  const proposed = async (): Promise<Ids> => {
    const body = await setUp(rt, 'change request', {
      method: 'POST',
      path: `${r}/change-requests`,
      token: officer,
      body: { nationalId: ROSA, changes: [{ field: 'address.street', value: `Calle ${++serial}` }] },
      status: 201,
    });
    return { change: body.changeId };
  };
  /** A request recorded without ID, by a person no other provisional identity looks like. */
  const provisional = async (): Promise<Ids> => {
    const n = ++serial;
    const body = await setUp(rt, 'request without ID', {
      method: 'POST',
      path: `/cantons/${CANTON}/requests`,
      token: officer,
      body: {
        channel: 'walk-in',
        citizen: {
          identification: 'provisional',
          name: {
            given: 'Carlos',
            family: `${FAMILIES[n % FAMILIES.length]} ${FAMILIES[(n >> 3) % FAMILIES.length]}`,
          },
          nationality: 'Venezolana',
          birthYear: 1950 + (n % 50),
        },
        contact: { phone: `+5939610${String(n).padStart(5, '0')}` },
        description: 'Necesita orientación legal para regularizar su situación',
        classification: { category: 'special-needs', subcategory: 'migrants' },
        consent: { dataSharing: 'given' },
      },
      status: 201,
    });
    return { provisional: body.citizen.provisionalId };
  };
  const merged = async (): Promise<Ids> => {
    const ids = await provisional();
    await setUp(rt, 'merge', {
      method: 'POST',
      path: `${r}/provisional-identities/${ids.provisional}/merge`,
      token: officer,
      body: { nationalId: UNREGISTERED[0] },
    });
    return ids;
  };
  for (const referred of [true, false]) {
    const request = await fx.newRequest({
      citizen: { identification: 'national-id', nationalId: SCREENED.nationalId },
    });
    if (referred) await fx.refer(request);
  }
  const readChange = await proposed();
  const readProvisional = await provisional();

  const op = apiOperation.bind(null, rt);
  return [
    op(
      'importRegistryHouseholds',
      (ids) => ({
        method: 'POST',
        path: '/cantons/national/registry/households',
        token: admin,
        body: {
          households: [
            { ...household, classification: { ...household.classification, score: Number(ids.score) } },
          ],
        },
      }),
      { prepare: async () => ({ score: String(40 + (++serial % 50) / 10) }) },
    ),
    op('screenCitizen', () => ({
      method: 'POST',
      path: `${r}/screenings`,
      token: officer,
      body: { nationalId: SCREENED.nationalId, purpose: 'case-management' },
    })),
    op('recordLocalBenefit', () => ({
      method: 'POST',
      path: `${r}/benefits`,
      token: officer,
      body: documented('recordLocalBenefit'),
    })),
    op(
      'recordSharingConsent',
      (ids) => ({
        method: 'POST',
        path: `${r}/sharing-consents`,
        token: officer,
        body: { requestId: ids.request, organizationId: PROVIDER, decision: 'given' },
      }),
      { prepare: referredToDayCentre },
    ),
    op(
      'proposeRegistryChange',
      (ids) => ({
        method: 'POST',
        path: `${r}/change-requests`,
        token: officer,
        body: { nationalId: ROSA, changes: [{ field: 'address.street', value: ids.street }] },
        status: 201,
      }),
      { prepare: async () => ({ street: `Calle ${++serial}` }) },
    ),
    op('getRegistryChange', () => ({
      method: 'GET',
      path: `${r}/change-requests/${readChange.change}`,
      token: officer,
    })),
    op(
      'decideRegistryChange',
      (ids) => ({
        method: 'POST',
        path: `${r}/change-requests/${ids.change}/decision`,
        token: manager,
        body: documented('decideRegistryChange'),
      }),
      { prepare: proposed },
    ),
    op('searchProvisionalIdentities', () => ({
      method: 'POST',
      path: `${r}/provisional-identities/search`,
      token: officer,
      body: { name: { given: 'Carlos', family: FAMILIES[0] } },
    })),
    op('getProvisionalIdentity', () => ({
      method: 'GET',
      path: `${r}/provisional-identities/${readProvisional.provisional}`,
      token: officer,
    })),
    op(
      'mergeProvisionalIdentity',
      (ids) => ({
        method: 'POST',
        path: `${r}/provisional-identities/${ids.provisional}/merge`,
        token: officer,
        body: { nationalId: UNREGISTERED[1] },
      }),
      { prepare: provisional },
    ),
    op(
      'unmergeProvisionalIdentity',
      (ids) => ({
        method: 'POST',
        path: `${r}/provisional-identities/${ids.provisional}/unmerge`,
        token: manager,
        body: documented('unmergeProvisionalIdentity'),
      }),
      { prepare: merged },
    ),
  ];
}
