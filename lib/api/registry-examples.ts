import type { Example } from './openapi-examples.js';

/** The registry's request and answer examples (see openapi-examples.ts), from the demo registry's Rosa Guamán. */
const ROSA_HOUSEHOLD = {
  householdId: 'HH-UIO-000000',
  address: { province: 'Pichincha', canton: 'quito', parish: 'Chillogallo', street: 'Calle Ajaví S12-45' },
  contact: { phone: '+593991234567' },
  classification: { level: 'extreme-poverty', score: 14.2, surveyDate: '2025-03-18' },
  members: [
    {
      memberId: '1',
      nationalId: '1710034065',
      givenNames: 'Rosa',
      familyNames: 'Guamán Toapanta',
      birthDate: '1958-04-12',
      sex: 'female',
      relationship: 'head',
      nationality: 'Ecuatoriana',
      education: 'basic',
      employed: false,
      incomeBracket: 'none',
      catastrophicIllness: false,
      pensions: [],
      benefits: ['bono-desarrollo-humano'],
    },
    {
      memberId: '2',
      givenNames: 'Luis Ángel',
      familyNames: 'Chicaiza Guamán',
      birthDate: '2016-09-03',
      sex: 'male',
      relationship: 'grandchild',
      nationality: 'Ecuatoriana',
      education: 'basic',
      disabilityPercentage: 40,
      employed: false,
      incomeBracket: 'none',
      pensions: [],
      benefits: [],
    },
  ],
};

const CHANGE = {
  changeId: '01JD5ZY2B3C4D5E6F7G8H9J0K1',
  cantonId: 'quito',
  householdId: 'HH-UIO-000000',
  requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
  changes: [
    { field: 'address.parish', oldValue: 'Chillogallo', newValue: 'La Magdalena' },
    { field: 'disabilityPercentage', memberId: '2', oldValue: 40, newValue: 55 },
  ],
  documents: [{ kind: 'disability-card', reference: 'CONADIS 17-123456' }, { kind: 'utility-bill' }],
  status: 'pending',
  proposedBy: 'uio.tecnica1',
  proposedAt: '2026-12-01T14:10:00.000Z',
  householdVersion: 1,
  version: 1,
  updatedAt: '2026-12-01T14:10:00.000Z',
};

const IDENTITY = {
  provisionalId: 'PRV-01JD5ZZ3C4D5E6F7G8H9J0K1M2',
  cantonId: 'quito',
  name: { given: 'Yolimar', family: 'Pérez Rondón' },
  nationality: 'Venezolana',
  birthYear: 1991,
  phone: '+593961112233',
  requestIds: ['01JD5ZQ4X8G2T1V0M3N4P5R6S7'],
  status: 'active',
  history: [],
  createdAt: '2026-12-01T14:00:00.000Z',
  version: 1,
};
const MERGED = {
  ...IDENTITY,
  status: 'merged',
  merge: { at: '2026-12-03T10:00:00.000Z', by: 'uio.tecnica1' },
  history: [{ action: 'merged', at: '2026-12-03T10:00:00.000Z', by: 'uio.tecnica1' }],
  version: 2,
};

export const REGISTRY_EXAMPLES: Readonly<
  Record<string, { readonly request?: Example; readonly response?: Example }>
> = {
  importRegistryHouseholds: {
    request: {
      name: 'importRegistryHouseholds',
      summary: 'One household with two members',
      value: { households: [ROSA_HOUSEHOLD] },
    },
    response: {
      name: 'importRegistryHouseholds',
      summary: 'Written once',
      value: { written: 1, unchanged: 0 },
    },
  },
  screenCitizen: {
    request: {
      name: 'screenCitizen',
      summary: 'An SWCS officer screens a citizen at intake',
      value: { nationalId: '1710034065', purpose: 'intake' },
    },
    response: {
      name: 'screenCitizen',
      summary: 'The household, its benefits, the citizen’s activity and eligibility (abridged)',
      value: {
        view: 'full',
        inRegistry: true,
        household: {
          ...ROSA_HOUSEHOLD,
          members: ROSA_HOUSEHOLD.members.map((m, i) => ({
            ...m,
            age: i === 0 ? 68 : 10,
            screened: i === 0,
          })),
          updatedAt: '2026-12-01T13:00:00.000Z',
          pendingUpdates: [
            {
              changeId: '01JD5ZY2B3C4D5E6F7G8H9J0K1',
              cantonId: 'quito',
              fields: [{ field: 'address.parish' }, { field: 'disabilityPercentage', memberId: '2' }],
              proposedAt: '2026-12-01T14:10:00.000Z',
            },
          ],
        },
        benefits: {
          national: [{ memberId: '1', benefit: 'bono-desarrollo-humano', name: 'Bono de Desarrollo Humano' }],
          local: [
            {
              benefitId: '01JD5ZX1A2B3C4D5E6F7G8H9J0',
              cantonId: 'quito',
              program: 'Canasta solidaria',
              serviceId: 'baq-canasta-solidaria',
              deliveredOn: '2026-11-20',
              kind: 'in-kind',
              amount: 35,
              recordedBy: 'uio.tecnica1',
              recordedAt: '2026-11-20T15:00:00.000Z',
            },
            {
              benefitId: '01JD5ZX9K8J7H6G5F4E3D2C1B0',
              cantonId: 'quito',
              program: 'Centro Gerontológico Diurno "Años Dorados" — La Magdalena',
              serviceId: 'mies9-gerontologico-diurno',
              referralId: '01JD5ZR7T6S5Q4P3N2M1K0J9H8',
              deliveredOn: '2026-11-10',
              kind: 'cash',
              amount: 50,
              description: 'Ayuda para transporte',
              recordedBy: 'uio.enlace.ssimbana',
              recordedAt: '2026-11-10T16:00:00.000Z',
            },
          ],
        },
        activity: {
          requests: [
            {
              requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
              reference: 'N4P5-R6S7',
              status: 'classified',
              category: 'special-needs',
              subcategory: 'older-adults',
              createdAt: '2026-12-01T14:00:00.000Z',
            },
          ],
          referrals: [],
          complaints: [],
        },
        eligibility: {
          profile: {
            age: 68,
            sex: 'female',
            disability: false,
            householdSize: 2,
            childrenUnder5: 0,
            registryStatus: 'registered',
            povertyClassification: 'extreme-poverty',
            canton: 'quito',
            province: 'Pichincha',
            nationality: 'Ecuatoriana',
            migrant: false,
            headOfHousehold: true,
            receivesBdh: true,
            receivesContributoryPension: false,
            catastrophicIllness: false,
            employed: false,
          },
          declared: [],
          eligible: [
            {
              cantonId: 'quito',
              serviceId: 'mies9-gerontologico-diurno',
              name: 'Centro Gerontológico Diurno "Años Dorados" — La Magdalena',
            },
          ],
          ineligible: [
            {
              cantonId: 'quito',
              serviceId: 'junta-uio-medidas-ninez',
              name: 'Medidas administrativas de protección para niñas, niños y adolescentes',
              unmet: [
                {
                  attribute: 'age',
                  reason: 'not-met',
                  text: 'Edad: se requiere menos de 18 años (tiene 68)',
                },
              ],
            },
          ],
        },
        viewedBy: [
          {
            userId: 'uio.tecnica1',
            roles: ['swcs-officer'],
            at: '2026-12-01T14:05:00.000Z',
            purpose: 'intake',
          },
        ],
      },
    },
  },
  recordSharingConsent: {
    request: {
      name: 'recordSharingConsent',
      summary: 'Rosa agrees that the day centre’s provider sees her registry data',
      value: { requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7', organizationId: 'mies-zonal-9', decision: 'given' },
    },
    response: {
      name: 'recordSharingConsent',
      summary: 'The consent as recorded; the provider’s contact officers see `registry` on her referrals',
      value: {
        consentId: '01JD5ZW4E5F6G7H8J9K0M1N2P3',
        cantonId: 'quito',
        requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
        organizationId: 'mies-zonal-9',
        decision: 'given',
        recordedBy: 'uio.tecnica1',
        recordedAt: '2026-12-01T14:20:00.000Z',
      },
    },
  },
  recordLocalBenefit: {
    request: {
      name: 'recordLocalBenefit',
      summary: 'A food basket from the canton’s food bank',
      value: {
        nationalId: '1710034065',
        program: 'Canasta solidaria',
        serviceId: 'baq-canasta-solidaria',
        deliveredOn: '2026-11-20',
        kind: 'in-kind',
        amount: 35,
      },
    },
    response: {
      name: 'recordLocalBenefit',
      summary: 'The benefit as recorded (without the national ID)',
      value: {
        benefitId: '01JD5ZX1A2B3C4D5E6F7G8H9J0',
        cantonId: 'quito',
        program: 'Canasta solidaria',
        serviceId: 'baq-canasta-solidaria',
        deliveredOn: '2026-11-20',
        kind: 'in-kind',
        amount: 35,
        recordedBy: 'uio.tecnica1',
        recordedAt: '2026-11-20T15:00:00.000Z',
      },
    },
  },
  proposeRegistryChange: {
    request: {
      name: 'proposeRegistryChange',
      summary: 'A move to another parish and a new disability card',
      value: {
        nationalId: '1710034065',
        requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
        changes: [
          { field: 'address.parish', value: 'La Magdalena' },
          { field: 'disabilityPercentage', memberId: '2', value: 55 },
        ],
        documents: [{ kind: 'disability-card', reference: 'CONADIS 17-123456' }, { kind: 'utility-bill' }],
      },
    },
    response: {
      name: 'proposeRegistryChange',
      summary: 'Each field with its old and new value',
      value: CHANGE,
    },
  },
  getRegistryChange: {
    response: { name: 'getRegistryChange', summary: 'A pending information-update request', value: CHANGE },
  },
  decideRegistryChange: {
    request: {
      name: 'decideRegistryChange',
      summary: 'A second person approves',
      value: { outcome: 'approved', reason: 'Documentos verificados' },
    },
    response: {
      name: 'decideRegistryChange',
      summary: 'Approved: applied to the registry copy and queued for the national registry',
      value: {
        ...CHANGE,
        status: 'approved',
        decision: {
          outcome: 'approved',
          by: 'uio.gestora',
          at: '2026-12-01T14:20:00.000Z',
          reason: 'Documentos verificados',
        },
        version: 2,
        updatedAt: '2026-12-01T14:20:00.000Z',
      },
    },
  },
  searchProvisionalIdentities: {
    request: {
      name: 'searchProvisionalIdentities',
      summary: 'By name and birth year',
      value: { name: { given: 'Yolimar', family: 'Pérez' }, birthYear: 1991 },
    },
    response: {
      name: 'searchProvisionalIdentities',
      summary: 'One likely match',
      value: { items: [{ identity: IDENTITY, reasons: ['name-and-birth-year'] }] },
    },
  },
  getProvisionalIdentity: {
    response: { name: 'getProvisionalIdentity', summary: 'An identity not merged yet', value: IDENTITY },
  },
  mergeProvisionalIdentity: {
    request: {
      name: 'mergeProvisionalIdentity',
      summary: 'The person obtained their cédula',
      value: { nationalId: '0926687856' },
    },
    response: { name: 'mergeProvisionalIdentity', summary: 'Merged: its requests moved', value: MERGED },
  },
  unmergeProvisionalIdentity: {
    request: {
      name: 'unmergeProvisionalIdentity',
      summary: 'The wrong cédula was given',
      value: { reason: 'La cédula correspondía a otra persona' },
    },
    response: {
      name: 'unmergeProvisionalIdentity',
      summary: 'Back as it was',
      value: {
        ...IDENTITY,
        history: [
          ...MERGED.history,
          { action: 'unmerged', at: '2026-12-04T09:00:00.000Z', by: 'uio.tecnico2' },
        ],
        version: 3,
      },
    },
  },
};
