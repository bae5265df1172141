/**
 * The descriptions and examples of the OpenAPI document that the zod schemas do not carry: what each path and
 * query parameter means, and one request and one answer per operation, taken from the demo canton (Quito) and
 * checked against the document by test/handlers/openapi.test.ts — a stale example fails the tests.
 */
import { COMPLAINT_EXAMPLES } from './openapi-examples-complaints.js';
import { CONFIRMATION_EXAMPLES } from './openapi-examples-confirmations.js';

import { REGISTRY_EXAMPLES } from './registry-examples.js';
import { CASEWORK_EXAMPLES } from './casework-examples.js';
import { SOCIAL_REPORT_EXAMPLES } from './social-report-examples.js';

export interface ParameterDocs {
  readonly description: string;
  readonly example?: string | number;
}

/** By parameter name; a description in the parameter's own schema wins. */
export const PARAMETER_DOCS: Readonly<Record<string, ParameterDocs>> = {
  cantonId: {
    description:
      "The canton's id (`national` for the national single window); it must be the caller's own canton, any other answers 404",
    example: 'quito',
  },
  originCantonId: { description: 'The canton the escalated request comes from', example: 'quito' },
  requestId: { description: 'The id of the request (a ULID)', example: '01JD5ZQ4X8G2T1V0M3N4P5R6S7' },
  referralId: { description: 'The id of the referral (a ULID)', example: '01JD5ZS2C4D6F8H0J2K4M6N8P0' },
  jobId: {
    description: 'The id of the import job (a ULID), from the Location of the 202',
    example: '01JD5ZW9A1B2C3D4E5F6G7H8J9',
  },
  changeId: {
    description: 'The id of the information-update request (a ULID)',
    example: '01JD5ZY2B3C4D5E6F7G8H9J0K1',
  },
  reportId: {
    description: 'The id of the social report (a ULID); each corrected version has its own',
    example: '01JD6A2B3C4D5E6F7G8H9J0K1M',
  },
  householdId: {
    description: "The Social Registry's id of the household (as a screening shows it)",
    example: 'HH-UIO-000000',
  },
  provisionalId: {
    description: 'The id of a provisional identity (attention without ID), as the request recorded it',
    example: 'PRV-01JD5ZZ3C4D5E6F7G8H9J0K1M2',
  },
  organizationId: { description: "The provider organization's catalogue id", example: 'patronato-san-jose' },
  serviceId: { description: "The service's catalogue id", example: 'psj-albergue-emergencias' },
  category: {
    description: 'A request category code (see GET /cantons/{cantonId}/categories)',
    example: 'urgent',
  },
  subcategory: { description: 'A subcategory code of the category', example: 'home-destroyed' },
  version: { description: 'The protocol version number, from 1', example: 1 },
  status: { description: 'Only the records in this status' },
  assignedOfficer: {
    description: 'Only requests assigned to this SWCS officer (a staff id)',
    example: 'uio.tecnica1',
  },
  from: {
    description: 'Only requests recorded at or after this date (the canton’s day) or date-time',
    example: '2026-11-01',
  },
  to: {
    description: 'Only requests recorded at or before this date (the canton’s day) or date-time',
    example: '2026-11-30',
  },
  text: { description: 'Words to find in the name or description of the service', example: 'albergue' },
  available: {
    description: 'true: only services that can take a citizen now (active, with a spot or a waitlist)',
    example: 'true',
  },
  includeNational: {
    description: 'false: leave out national services (which a canton reaches by escalation)',
    example: 'false',
  },
  latitude: { description: 'Where the citizen is: latitude in decimal degrees (WGS 84)', example: -0.2201 },
  longitude: {
    description: 'Where the citizen is: longitude in decimal degrees (WGS 84)',
    example: -78.5123,
  },
  kind: { description: 'Which locations: the single window’s own service points, or providers’ sites' },
  limit: { description: 'How many items at most', example: 10 },
  cursor: { description: 'The `nextCursor` of the previous page, as received' },
  complaintId: {
    description: 'The id of the complaint case (a ULID)',
    example: '01JD5ZT7M1N3P5Q7R9S1T3V5W7',
  },
  cartId: {
    description: 'The id of an intervention plan’s cart (a ULID)',
    example: '01JD60A1B2C3D4E5F6G7H8J9K0',
  },
  planId: { description: 'The id of the intervention plan (a ULID)', example: '01JD60B2C3D4E5F6G7H8J9K0M1' },
  subjectKey: {
    description: 'A Social Registry household id, or a provisional identity (PRV-…)',
    example: 'HH-UIO-000000',
  },
  itemNumber: { description: 'The number of the item in its cart or plan, from 1', example: 1 },
  visitorId: {
    description: 'Whose home visits (a staff id); the caller’s own when absent',
    example: 'uio.gestora',
  },
  activityNumber: { description: 'The number of the activity in its case, from 1 to 10', example: 1 },
  reference: { description: 'The reference the citizen was given for the case', example: 'T3V5-W7X9' },
  type: { description: 'Only cases of this PQSSF type', example: 'complaint' },
  clock: { description: 'Only open cases whose clock is in this state', example: 'at-risk' },
  assigneeId: {
    description: 'Only cases assigned to this staff member (owner or an activity)',
    example: 'uio.gestora',
  },
};

export interface Example {
  /** The example's key in the document. */
  readonly name: string;
  readonly summary: string;
  readonly value: unknown;
}

/** By operationId: a request body (operations that take one) and the success answer. */
export const OPERATION_EXAMPLES: Readonly<
  Record<string, { readonly request?: Example; readonly response?: Example }>
> = {
  ...REGISTRY_EXAMPLES,
  ...CASEWORK_EXAMPLES,
  ...SOCIAL_REPORT_EXAMPLES,
  getHealth: {
    response: {
      name: 'getHealth',
      summary: 'The API is up',
      value: {
        status: 'ok',
      },
    },
  },
  listCategories: {
    response: {
      name: 'listCategories',
      summary: 'The first page of the categories Quito enabled',
      value: {
        items: [
          {
            code: 'urgent',
            label: 'Urgente',
            description: 'Emergencias individuales y desastres geográficos',
            subcategories: [
              {
                code: 'terminal-illness',
                label: 'Enfermedad terminal en la familia',
              },
            ],
          },
        ],
        nextCursor:
          'eyJrIjp7ImFmdGVyIjpbMF19LCJzIjoiY2l6RV9paG5mOTJyRkhxcEJsbm43Qktmdm45SkFFNmM3Q0lQc3V5RVVmQSJ9.7pLLfkCjVRsQOTZVU_xE9KxlOLLCA5yK5bxMO_mS3AU',
      },
    },
  },
  recordRequest: {
    request: {
      name: 'recordRequest',
      summary: 'A phone call, classified on the spot, with consent to share data',
      value: {
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: 'Perdió su vivienda en el deslave de ayer',
        classification: {
          category: 'non-urgent',
          subcategory: 'housing',
        },
        urgency: 'high',
        consent: {
          dataSharing: 'given',
        },
      },
    },
    response: {
      name: 'recordRequest',
      summary: 'The request recorded, with its first event',
      value: {
        requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
        cantonId: 'quito',
        reference: 'BTR4-0P1Z',
        status: 'classified',
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: 'Perdió su vivienda en el deslave de ayer',
        protocol: {
          cantonId: 'national',
          version: 1,
        },
        urgency: 'high',
        consent: {
          dataSharing: 'given',
          recordedAt: '2026-12-01T12:01:04.646Z',
          recordedBy: 'uio.operador1',
        },
        createdAt: '2026-12-01T12:01:04.646Z',
        createdBy: 'uio.operador1',
        updatedAt: '2026-12-01T12:01:04.646Z',
        version: 1,
        classification: {
          category: 'non-urgent',
          subcategory: 'housing',
          label: 'Vivienda',
        },
        history: [
          {
            at: '2026-12-01T12:01:04.646Z',
            by: {
              userId: 'uio.operador1',
              roles: ['operator'],
            },
            action: 'recorded',
            details: {
              channel: 'phone',
              urgency: 'high',
              identification: 'national-id',
              consent: 'given',
              classification: {
                category: 'non-urgent',
                subcategory: 'housing',
              },
              protocol: {
                cantonId: 'national',
                version: 1,
              },
            },
          },
        ],
      },
    },
  },
  listRequests: {
    response: {
      name: 'listRequests',
      summary: 'Quito’s assigned requests, newest first',
      value: {
        items: [
          {
            requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
            cantonId: 'quito',
            reference: 'BTR4-0P1Z',
            status: 'assigned',
            channel: 'phone',
            classification: {
              category: 'urgent',
              subcategory: 'home-destroyed',
              label: 'Vivienda destruida o inhabitable',
            },
            urgency: 'high',
            assignedOfficer: 'uio.tecnica1',
            citizenInitials: 'R. G.',
            createdAt: '2026-12-01T12:01:04.646Z',
            updatedAt: '2026-12-01T12:01:04.820Z',
            version: 3,
          },
        ],
      },
    },
  },
  getRequest: {
    response: {
      name: 'getRequest',
      summary: 'A request with its history',
      value: {
        requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
        cantonId: 'quito',
        reference: 'BTR4-0P1Z',
        status: 'assigned',
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: 'Perdió su vivienda en el deslave de ayer',
        urgency: 'high',
        consent: {
          dataSharing: 'given',
          recordedAt: '2026-12-01T12:01:04.646Z',
          recordedBy: 'uio.operador1',
        },
        createdAt: '2026-12-01T12:01:04.646Z',
        createdBy: 'uio.operador1',
        updatedAt: '2026-12-01T12:01:04.820Z',
        version: 3,
        protocol: {
          cantonId: 'quito',
          version: 1,
        },
        assignedOfficer: 'uio.tecnica1',
        classification: {
          category: 'urgent',
          subcategory: 'home-destroyed',
          label: 'Vivienda destruida o inhabitable',
        },
        history: [
          {
            at: '2026-12-01T12:01:04.646Z',
            by: {
              userId: 'uio.operador1',
              roles: ['operator'],
            },
            action: 'recorded',
            details: {
              channel: 'phone',
              urgency: 'high',
              identification: 'national-id',
              consent: 'given',
              classification: {
                category: 'non-urgent',
                subcategory: 'housing',
              },
              protocol: {
                cantonId: 'national',
                version: 1,
              },
            },
          },
          {
            at: '2026-12-01T12:01:04.737Z',
            by: {
              userId: 'uio.operador1',
              roles: ['operator'],
            },
            action: 'reclassified',
            details: {
              from: {
                category: 'non-urgent',
                subcategory: 'housing',
              },
              to: {
                category: 'urgent',
                subcategory: 'home-destroyed',
              },
              protocol: {
                cantonId: 'quito',
                version: 1,
              },
              note: 'La vivienda colapsó',
            },
          },
        ],
      },
    },
  },
  classifyRequest: {
    request: {
      name: 'classifyRequest',
      summary: 'Reclassify as urgent: the earlier classification stays in the history',
      value: {
        category: 'urgent',
        subcategory: 'home-destroyed',
        note: 'La vivienda colapsó',
      },
    },
    response: {
      name: 'classifyRequest',
      summary: 'The reclassified request',
      value: {
        requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
        cantonId: 'quito',
        reference: 'BTR4-0P1Z',
        status: 'classified',
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: 'Perdió su vivienda en el deslave de ayer',
        urgency: 'high',
        consent: {
          dataSharing: 'given',
          recordedAt: '2026-12-01T12:01:04.646Z',
          recordedBy: 'uio.operador1',
        },
        createdAt: '2026-12-01T12:01:04.646Z',
        createdBy: 'uio.operador1',
        updatedAt: '2026-12-01T12:01:04.737Z',
        version: 2,
        protocol: {
          cantonId: 'quito',
          version: 1,
        },
        classification: {
          category: 'urgent',
          subcategory: 'home-destroyed',
          label: 'Vivienda destruida o inhabitable',
        },
      },
    },
  },
  answerRequest: {
    request: {
      name: 'answerRequest',
      summary: 'Answer a general-information request on the spot',
      value: {
        answer: 'El punto La Mariscal, Av. Amazonas N24-196, atiende de 08:00 a 17:00',
      },
    },
    response: {
      name: 'answerRequest',
      summary: 'The answered request',
      value: {
        requestId: '01M8RQNPW081546WVDYCDHN24A',
        cantonId: 'quito',
        reference: 'YCDH-N24A',
        status: 'answered',
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: '¿Dónde queda el punto de atención más cercano?',
        protocol: {
          cantonId: 'quito',
          version: 1,
        },
        urgency: 'high',
        consent: {
          dataSharing: 'given',
          recordedAt: '2026-12-01T12:01:04.893Z',
          recordedBy: 'uio.operador1',
        },
        createdAt: '2026-12-01T12:01:04.893Z',
        createdBy: 'uio.operador1',
        updatedAt: '2026-12-01T12:01:04.921Z',
        version: 2,
        answer: {
          text: 'El punto La Mariscal, Av. Amazonas N24-196, atiende de 08:00 a 17:00',
          at: '2026-12-01T12:01:04.921Z',
          by: 'uio.operador1',
        },
        classification: {
          category: 'general-information',
          subcategory: 'service-points',
          label: 'Puntos de atención y horarios',
        },
      },
    },
  },
  assignRequest: {
    request: {
      name: 'assignRequest',
      summary: 'Assign to an SWCS officer of the canton',
      value: {
        officerId: 'uio.tecnica1',
      },
    },
    response: {
      name: 'assignRequest',
      summary: 'The assigned request',
      value: {
        requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
        cantonId: 'quito',
        reference: 'BTR4-0P1Z',
        status: 'assigned',
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: 'Perdió su vivienda en el deslave de ayer',
        urgency: 'high',
        consent: {
          dataSharing: 'given',
          recordedAt: '2026-12-01T12:01:04.646Z',
          recordedBy: 'uio.operador1',
        },
        createdAt: '2026-12-01T12:01:04.646Z',
        createdBy: 'uio.operador1',
        updatedAt: '2026-12-01T12:01:04.820Z',
        version: 3,
        protocol: {
          cantonId: 'quito',
          version: 1,
        },
        assignedOfficer: 'uio.tecnica1',
        classification: {
          category: 'urgent',
          subcategory: 'home-destroyed',
          label: 'Vivienda destruida o inhabitable',
        },
      },
    },
  },
  closeRequest: {
    request: {
      name: 'closeRequest',
      summary: 'The citizen no longer needs the service',
      value: {
        reason: {
          code: 'citizen-declined',
          text: 'Ya recibió ayuda de su familia',
        },
      },
    },
    response: {
      name: 'closeRequest',
      summary: 'The closed request',
      value: {
        requestId: '01M8RQNPXPR2V7RG2KWKVHXCT4',
        cantonId: 'quito',
        reference: 'WKVH-XCT4',
        status: 'closed',
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: 'Perdió su vivienda en el deslave de ayer',
        protocol: {
          cantonId: 'national',
          version: 1,
        },
        urgency: 'high',
        consent: {
          dataSharing: 'given',
          recordedAt: '2026-12-01T12:01:04.947Z',
          recordedBy: 'uio.operador1',
        },
        createdAt: '2026-12-01T12:01:04.947Z',
        createdBy: 'uio.operador1',
        updatedAt: '2026-12-01T12:01:04.963Z',
        version: 2,
        closure: {
          at: '2026-12-01T12:01:04.963Z',
          by: 'uio.tecnica1',
          reason: {
            code: 'citizen-declined',
            text: 'Ya recibió ayuda de su familia',
          },
        },
        classification: {
          category: 'non-urgent',
          subcategory: 'housing',
          label: 'Vivienda',
        },
      },
    },
  },
  putOrganization: {
    request: {
      name: 'putOrganization',
      summary: 'The Patronato San José, with its contact officers and locations',
      value: {
        name: 'Unidad Patronato Municipal San José',
        description:
          'Entidad del Municipio del Distrito Metropolitano de Quito que atiende a grupos de atención prioritaria: personas adultas mayores, personas en situación de calle y familias afectadas por emergencias.',
        sector: 'public',
        email: 'atencion@patronato-quito.example.org',
        website: 'https://patronato-quito.example.org',
        phone: '+59322286050',
        contactOfficers: [
          {
            id: 'psj-territorio',
            userId: 'uio.enlace.avelasco',
            name: 'Andrés Velasco Montalvo',
            position: 'Coordinador de Atención Territorial',
            email: 'andres.velasco@patronato-quito.example.org',
            phone: '+593984560932',
            preferredChannel: 'email',
            language: 'es',
          },
          {
            id: 'psj-albergues',
            userId: 'uio.enlace.lcaiza',
            name: 'Lorena Caiza Tituaña',
            position: 'Analista de Albergues y Emergencias',
            email: 'lorena.caiza@patronato-quito.example.org',
            phone: '+593997013486',
            preferredChannel: 'sms',
            language: 'es',
            supervisorId: 'psj-territorio',
          },
        ],
        locations: [
          {
            id: 'psj-sede',
            name: 'Patronato San José — Sede Centro Histórico',
            kind: 'provider-site',
            address: {
              address1: 'Calle Rocafuerte Oe2-23 y García Moreno, Centro Histórico',
              city: 'Quito',
              province: 'Pichincha',
              country: 'EC',
            },
            latitude: -0.2216,
            longitude: -78.5139,
          },
          {
            id: 'psj-hogar-de-paso',
            name: 'Hogar de Paso San Roque',
            kind: 'provider-site',
            address: {
              address1: 'Calle Loja y Calle Rocafuerte, San Roque',
              city: 'Quito',
              province: 'Pichincha',
              country: 'EC',
            },
            latitude: -0.2231,
            longitude: -78.5168,
          },
          {
            id: 'psj-albergue-el-condado',
            name: 'Albergue Temporal Municipal El Condado',
            kind: 'provider-site',
            address: {
              address1: 'Av. Mariscal Sucre y Calle Francisco Ruiz, El Condado',
              city: 'Quito',
              province: 'Pichincha',
              country: 'EC',
            },
            latitude: -0.1028,
            longitude: -78.5002,
          },
          {
            id: 'psj-60-piquito-vicentina',
            name: 'Espacio "60 y Piquito" La Vicentina',
            kind: 'provider-site',
            address: {
              address1: 'Calle Ladrón de Guevara y Av. Coruña, La Vicentina',
              city: 'Quito',
              province: 'Pichincha',
              country: 'EC',
            },
            latitude: -0.2162,
            longitude: -78.4858,
          },
        ],
      },
    },
    response: {
      name: 'putOrganization',
      summary: 'The organization as stored',
      value: {
        id: 'patronato-san-jose',
        name: 'Unidad Patronato Municipal San José',
        description:
          'Entidad del Municipio del Distrito Metropolitano de Quito que atiende a grupos de atención prioritaria: personas adultas mayores, personas en situación de calle y familias afectadas por emergencias.',
        sector: 'public',
        email: 'atencion@patronato-quito.example.org',
        website: 'https://patronato-quito.example.org',
        phone: '+59322286050',
        contactOfficers: [
          {
            id: 'psj-territorio',
            userId: 'uio.enlace.avelasco',
            name: 'Andrés Velasco Montalvo',
            position: 'Coordinador de Atención Territorial',
            email: 'andres.velasco@patronato-quito.example.org',
            phone: '+593984560932',
            preferredChannel: 'email',
            language: 'es',
          },
        ],
        locations: [
          {
            id: 'psj-sede',
            name: 'Patronato San José — Sede Centro Histórico',
            kind: 'provider-site',
            address: {
              address1: 'Calle Rocafuerte Oe2-23 y García Moreno, Centro Histórico',
              city: 'Quito',
              province: 'Pichincha',
              country: 'EC',
            },
            latitude: -0.2216,
            longitude: -78.5139,
          },
        ],
        cantonId: 'quito',
        level: 'canton',
        version: 1,
        createdAt: '2026-12-01T12:01:01.620Z',
        createdBy: 'system:seed',
        updatedAt: '2026-12-01T12:01:01.620Z',
        updatedBy: 'system:seed',
      },
    },
  },
  listOrganizations: {
    response: {
      name: 'listOrganizations',
      summary: 'The first page of Quito’s organizations',
      value: {
        items: [
          {
            id: 'banco-alimentos-quito',
            name: 'Banco de Alimentos Quito',
            description:
              'Fundación sin fines de lucro que recupera alimentos aptos para el consumo y los distribuye a familias y organizaciones sociales del Distrito.',
            sector: 'non-profit',
            email: 'ayuda@bancodealimentosquito.example.org',
            website: 'https://bancodealimentosquito.example.org',
            phone: '+59322803190',
            contactOfficers: [
              {
                id: 'baq-programas',
                userId: 'uio.enlace.dchavez',
                name: 'Daniela Chávez Ribadeneira',
                position: 'Coordinadora de Programas Sociales',
                email: 'daniela.chavez@bancodealimentosquito.example.org',
                phone: '+593993381654',
                preferredChannel: 'email',
                language: 'es',
              },
            ],
            locations: [
              {
                id: 'baq-bodega-nayon',
                name: 'Banco de Alimentos Quito — Bodega Nayón',
                kind: 'provider-site',
                address: {
                  address1: 'Av. Simón Bolívar y Vía a Nayón, lote 14',
                  city: 'Quito',
                  province: 'Pichincha',
                  country: 'EC',
                },
                latitude: -0.1612,
                longitude: -78.4509,
              },
            ],
            cantonId: 'quito',
            level: 'canton',
            version: 1,
            createdAt: '2026-12-01T12:01:01.620Z',
            createdBy: 'system:seed',
            updatedAt: '2026-12-01T12:01:01.620Z',
            updatedBy: 'system:seed',
          },
        ],
        nextCursor:
          'eyJrIjp7IlBLIjoiQyNxdWl0byNPUkcjYmFuY28tYWxpbWVudG9zLXF1aXRvIiwiU0siOiJPUkdBTklaQVRJT04iLCJHU0kxUEsiOiJDI3F1aXRvI09SR0FOSVpBVElPTlMiLCJHU0kxU0siOiJiYW5jby1hbGltZW50b3MtcXVpdG8ifSwicyI6Im96YWZEb3FSMzk4dTcyS19NRHIxMkxiVDlzT3JFR2xkT3lBeWJUYnU0MWcifQ.iXhLwEX0RK_vL76cZcfc4zrlj2FCC8bzY1jEoDZpEWQ',
      },
    },
  },
  getOrganization: {
    response: {
      name: 'getOrganization',
      summary: 'An organization with its history',
      value: {
        id: 'patronato-san-jose',
        name: 'Unidad Patronato Municipal San José',
        description:
          'Entidad del Municipio del Distrito Metropolitano de Quito que atiende a grupos de atención prioritaria: personas adultas mayores, personas en situación de calle y familias afectadas por emergencias.',
        sector: 'public',
        email: 'atencion@patronato-quito.example.org',
        website: 'https://patronato-quito.example.org',
        phone: '+59322286050',
        contactOfficers: [
          {
            id: 'psj-territorio',
            userId: 'uio.enlace.avelasco',
            name: 'Andrés Velasco Montalvo',
            position: 'Coordinador de Atención Territorial',
            email: 'andres.velasco@patronato-quito.example.org',
            phone: '+593984560932',
            preferredChannel: 'email',
            language: 'es',
          },
        ],
        locations: [
          {
            id: 'psj-sede',
            name: 'Patronato San José — Sede Centro Histórico',
            kind: 'provider-site',
            address: {
              address1: 'Calle Rocafuerte Oe2-23 y García Moreno, Centro Histórico',
              city: 'Quito',
              province: 'Pichincha',
              country: 'EC',
            },
            latitude: -0.2216,
            longitude: -78.5139,
          },
        ],
        cantonId: 'quito',
        level: 'canton',
        version: 1,
        createdAt: '2026-12-01T12:01:01.620Z',
        createdBy: 'system:seed',
        updatedAt: '2026-12-01T12:01:01.620Z',
        updatedBy: 'system:seed',
        history: [
          {
            at: '2026-12-01T12:01:01.620Z',
            by: {
              userId: 'system:seed',
              roles: ['admin'],
            },
            action: 'created',
            details: {},
          },
        ],
      },
    },
  },
  putService: {
    request: {
      name: 'putService',
      summary: 'An emergency shelter for families whose home was destroyed',
      value: {
        organizationId: 'patronato-san-jose',
        name: 'Albergue temporal para familias afectadas por emergencias',
        description:
          'Alojamiento temporal, alimentación, kits de higiene y acompañamiento psicosocial para familias cuya vivienda quedó destruida o inhabitable por incendio, deslave, inundación o colapso estructural, hasta por 30 días mientras se gestiona una solución habitacional.',
        serves: [
          {
            category: 'urgent',
            subcategory: 'home-destroyed',
          },
          {
            category: 'urgent',
            subcategory: 'natural-disaster',
          },
        ],
        eligibilityText:
          'Familias del Distrito con vivienda destruida o declarada inhabitable, con informe de la Secretaría de Seguridad o del Cuerpo de Bomberos.',
        requiredDocuments: [
          'Cédula de identidad (no impide el ingreso si se perdió en la emergencia)',
          'Informe de afectación de la Secretaría de Seguridad o del Cuerpo de Bomberos',
        ],
        schedules: [
          {
            byDay: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
            opensAt: '00:00',
            closesAt: '23:59',
            note: 'Ingresos las 24 horas',
          },
        ],
        status: 'active',
        capacity: {
          total: 40,
          available: 12,
          waitlist: false,
        },
        locationIds: ['psj-albergue-el-condado'],
        contactOfficerIds: ['psj-albergues', 'psj-territorio'],
      },
    },
    response: {
      name: 'putService',
      summary: 'The service as stored',
      value: {
        id: 'psj-albergue-emergencias',
        organizationId: 'patronato-san-jose',
        name: 'Albergue temporal para familias afectadas por emergencias',
        description:
          'Alojamiento temporal, alimentación, kits de higiene y acompañamiento psicosocial para familias cuya vivienda quedó destruida o inhabitable por incendio, deslave, inundación o colapso estructural, hasta por 30 días mientras se gestiona una solución habitacional.',
        serves: [
          {
            category: 'urgent',
            subcategory: 'home-destroyed',
          },
        ],
        eligibilityText:
          'Familias del Distrito con vivienda destruida o declarada inhabitable, con informe de la Secretaría de Seguridad o del Cuerpo de Bomberos.',
        requiredDocuments: ['Cédula de identidad (no impide el ingreso si se perdió en la emergencia)'],
        schedules: [
          {
            byDay: ['MO'],
            opensAt: '00:00',
            closesAt: '23:59',
            note: 'Ingresos las 24 horas',
          },
        ],
        status: 'active',
        capacity: {
          total: 40,
          available: 12,
          waitlist: false,
        },
        locationIds: ['psj-albergue-el-condado'],
        contactOfficerIds: ['psj-albergues'],
        cantonId: 'quito',
        level: 'canton',
        version: 1,
        createdAt: '2026-12-01T12:01:01.620Z',
        createdBy: 'system:seed',
        updatedAt: '2026-12-01T12:01:01.620Z',
        updatedBy: 'system:seed',
      },
    },
  },
  searchServices: {
    response: {
      name: 'searchServices',
      summary: 'Services for a destroyed home',
      value: {
        items: [
          {
            id: 'psj-albergue-emergencias',
            organizationId: 'patronato-san-jose',
            name: 'Albergue temporal para familias afectadas por emergencias',
            description:
              'Alojamiento temporal, alimentación, kits de higiene y acompañamiento psicosocial para familias cuya vivienda quedó destruida o inhabitable por incendio, deslave, inundación o colapso estructural, hasta por 30 días mientras se gestiona una solución habitacional.',
            serves: [
              {
                category: 'urgent',
                subcategory: 'home-destroyed',
              },
            ],
            eligibilityText:
              'Familias del Distrito con vivienda destruida o declarada inhabitable, con informe de la Secretaría de Seguridad o del Cuerpo de Bomberos.',
            requiredDocuments: ['Cédula de identidad (no impide el ingreso si se perdió en la emergencia)'],
            schedules: [
              {
                byDay: ['MO'],
                opensAt: '00:00',
                closesAt: '23:59',
                note: 'Ingresos las 24 horas',
              },
            ],
            status: 'active',
            capacity: {
              total: 40,
              available: 12,
              waitlist: false,
            },
            locationIds: ['psj-albergue-el-condado'],
            contactOfficerIds: ['psj-albergues'],
            cantonId: 'quito',
            level: 'canton',
            version: 1,
            createdAt: '2026-12-01T12:01:01.620Z',
            createdBy: 'system:seed',
            updatedAt: '2026-12-01T12:01:01.620Z',
            updatedBy: 'system:seed',
          },
        ],
        nextCursor:
          'eyJrIjp7ImFmdGVyIjpbIkFsYmVyZ3VlIHRlbXBvcmFsIHBhcmEgZmFtaWxpYXMgYWZlY3RhZGFzIHBvciBlbWVyZ2VuY2lhcyIsInF1aXRvIiwicHNqLWFsYmVyZ3VlLWVtZXJnZW5jaWFzIl19LCJzIjoiOERCWnVMdnVBbHFNUFBDajVyVW9vdkp5N19PbkIyUEF5WWRGOGtiNlRNayJ9.21VhaniSM2ST4rW5rChmvhfCN6E0W4hjZnDUNfgoS1w',
      },
    },
  },
  getService: {
    response: {
      name: 'getService',
      summary: 'A service with its history',
      value: {
        id: 'psj-albergue-emergencias',
        organizationId: 'patronato-san-jose',
        name: 'Albergue temporal para familias afectadas por emergencias',
        description:
          'Alojamiento temporal, alimentación, kits de higiene y acompañamiento psicosocial para familias cuya vivienda quedó destruida o inhabitable por incendio, deslave, inundación o colapso estructural, hasta por 30 días mientras se gestiona una solución habitacional.',
        serves: [
          {
            category: 'urgent',
            subcategory: 'home-destroyed',
          },
        ],
        eligibilityText:
          'Familias del Distrito con vivienda destruida o declarada inhabitable, con informe de la Secretaría de Seguridad o del Cuerpo de Bomberos.',
        requiredDocuments: ['Cédula de identidad (no impide el ingreso si se perdió en la emergencia)'],
        schedules: [
          {
            byDay: ['MO'],
            opensAt: '00:00',
            closesAt: '23:59',
            note: 'Ingresos las 24 horas',
          },
        ],
        status: 'active',
        capacity: {
          total: 40,
          available: 12,
          waitlist: false,
        },
        locationIds: ['psj-albergue-el-condado'],
        contactOfficerIds: ['psj-albergues'],
        cantonId: 'quito',
        level: 'canton',
        version: 1,
        createdAt: '2026-12-01T12:01:01.620Z',
        createdBy: 'system:seed',
        updatedAt: '2026-12-01T12:01:01.620Z',
        updatedBy: 'system:seed',
        history: [
          {
            at: '2026-12-01T12:01:01.620Z',
            by: {
              userId: 'system:seed',
              roles: ['admin'],
            },
            action: 'created',
            details: {},
          },
        ],
      },
    },
  },
  deactivateService: {
    request: {
      name: 'deactivateService',
      summary: 'Close the service, saying why',
      value: {
        reason: 'El albergue cierra por remodelación',
      },
    },
    response: {
      name: 'deactivateService',
      summary: 'The inactive service',
      value: {
        id: 'psj-albergue-emergencias',
        organizationId: 'patronato-san-jose',
        name: 'Albergue temporal para familias afectadas por emergencias',
        description:
          'Alojamiento temporal, alimentación, kits de higiene y acompañamiento psicosocial para familias cuya vivienda quedó destruida o inhabitable por incendio, deslave, inundación o colapso estructural, hasta por 30 días mientras se gestiona una solución habitacional.',
        serves: [
          {
            category: 'urgent',
            subcategory: 'home-destroyed',
          },
        ],
        eligibilityText:
          'Familias del Distrito con vivienda destruida o declarada inhabitable, con informe de la Secretaría de Seguridad o del Cuerpo de Bomberos.',
        requiredDocuments: ['Cédula de identidad (no impide el ingreso si se perdió en la emergencia)'],
        schedules: [
          {
            byDay: ['MO'],
            opensAt: '00:00',
            closesAt: '23:59',
            note: 'Ingresos las 24 horas',
          },
        ],
        status: 'inactive',
        capacity: {
          total: 40,
          available: 11,
          waitlist: false,
        },
        locationIds: ['psj-albergue-el-condado'],
        contactOfficerIds: ['psj-albergues'],
        cantonId: 'quito',
        level: 'canton',
        version: 3,
        createdAt: '2026-12-01T12:01:01.620Z',
        createdBy: 'system:seed',
        updatedAt: '2026-12-01T12:01:07.277Z',
        updatedBy: 'uio.coordinadora',
      },
    },
  },
  updateAvailability: {
    request: {
      name: 'updateAvailability',
      summary: 'Twelve spots free again',
      value: {
        available: 12,
      },
    },
    response: {
      name: 'updateAvailability',
      summary: 'The service with its new availability',
      value: {
        id: 'psj-albergue-emergencias',
        organizationId: 'patronato-san-jose',
        name: 'Albergue temporal para familias afectadas por emergencias',
        description:
          'Alojamiento temporal, alimentación, kits de higiene y acompañamiento psicosocial para familias cuya vivienda quedó destruida o inhabitable por incendio, deslave, inundación o colapso estructural, hasta por 30 días mientras se gestiona una solución habitacional.',
        serves: [
          {
            category: 'urgent',
            subcategory: 'home-destroyed',
          },
        ],
        eligibilityText:
          'Familias del Distrito con vivienda destruida o declarada inhabitable, con informe de la Secretaría de Seguridad o del Cuerpo de Bomberos.',
        requiredDocuments: ['Cédula de identidad (no impide el ingreso si se perdió en la emergencia)'],
        schedules: [
          {
            byDay: ['MO'],
            opensAt: '00:00',
            closesAt: '23:59',
            note: 'Ingresos las 24 horas',
          },
        ],
        status: 'active',
        capacity: {
          total: 40,
          available: 12,
          waitlist: false,
        },
        locationIds: ['psj-albergue-el-condado'],
        contactOfficerIds: ['psj-albergues'],
        cantonId: 'quito',
        level: 'canton',
        version: 2,
        createdAt: '2026-12-01T12:01:01.620Z',
        createdBy: 'system:seed',
        updatedAt: '2026-12-01T12:01:05.374Z',
        updatedBy: 'uio.coordinadora',
      },
    },
  },
  checkEligibility: {
    request: {
      name: 'checkEligibility',
      summary: 'A 72-year-old without a contributory pension',
      value: {
        profile: {
          age: 72,
          receivesContributoryPension: false,
        },
        category: 'special-needs',
        subcategory: 'older-adults',
      },
    },
    response: {
      name: 'checkEligibility',
      summary: 'The services the citizen can and cannot use, and why',
      value: {
        escalation: {
          serviceIds: ['pension-mis-mejores-anos'],
          route: 'POST /cantons/quito/requests/{requestId}/escalation',
          text: 'Un cantón no deriva a servicios nacionales: para llegar a ellos, escale la solicitud a la ventanilla única nacional, que hace la derivación',
        },
        eligible: [
          {
            id: 'psj-60-y-piquito',
            organizationId: 'patronato-san-jose',
            name: 'Programa "60 y Piquito" — espacios de encuentro para personas adultas mayores',
            description:
              'Encuentros semanales en barrios y parroquias: actividad física, talleres de memoria, emprendimientos, paseos, intercambio de saberes y redes de apoyo entre personas adultas mayores.',
            serves: [
              {
                category: 'special-needs',
                subcategory: 'older-adults',
              },
            ],
            eligibility: {
              attribute: 'age',
              op: 'gte',
              value: 60,
            },
            eligibilityText: 'Personas de 60 años o más que viven en el Distrito Metropolitano de Quito.',
            requiredDocuments: ['Cédula de identidad'],
            schedules: [
              {
                byDay: ['TU'],
                opensAt: '09:00',
                closesAt: '12:00',
              },
            ],
            status: 'active',
            capacity: {
              total: 150,
              available: 57,
              waitlist: false,
            },
            locationIds: ['psj-60-piquito-vicentina'],
            contactOfficerIds: ['psj-territorio'],
            cantonId: 'quito',
            level: 'canton',
            version: 1,
            createdAt: '2026-12-01T12:01:01.620Z',
            createdBy: 'system:seed',
            updatedAt: '2026-12-01T12:01:01.620Z',
            updatedBy: 'system:seed',
            eligibilityDescription: 'Personas de 60 años o más',
          },
        ],
        ineligible: [
          {
            service: {
              id: 'mies9-gerontologico-diurno',
              organizationId: 'mies-zonal-9',
              name: 'Centro Gerontológico Diurno "Años Dorados" — La Magdalena',
              description:
                'Atención diurna para personas adultas mayores: alimentación, terapia física y ocupacional, actividades recreativas y de memoria, y espacios para compartir sus saberes con otras generaciones.',
              serves: [
                {
                  category: 'special-needs',
                  subcategory: 'older-adults',
                },
              ],
              eligibility: {
                all: [
                  {
                    attribute: 'age',
                    op: 'gte',
                    value: 65,
                  },
                ],
              },
              eligibilityText:
                'Personas de 65 años o más, en pobreza o pobreza extrema según el Registro Social, con autonomía para trasladarse al centro.',
              requiredDocuments: ['Cédula de identidad'],
              schedules: [
                {
                  byDay: ['MO'],
                  opensAt: '08:00',
                  closesAt: '16:00',
                },
              ],
              status: 'active',
              capacity: {
                total: 70,
                available: 9,
                waitlist: true,
              },
              locationIds: ['gerontologico-la-magdalena'],
              contactOfficerIds: ['mies9-inclusion'],
              cantonId: 'quito',
              level: 'canton',
              version: 1,
              createdAt: '2026-12-01T12:01:01.620Z',
              createdBy: 'system:seed',
              updatedAt: '2026-12-01T12:01:01.620Z',
              updatedBy: 'system:seed',
              eligibilityDescription: 'Personas de 65 años o más y en situación de pobreza extrema o pobreza',
            },
            unmet: [
              {
                attribute: 'povertyClassification',
                reason: 'unknown',
                text: 'No se conoce la clasificación del Registro Social de la persona; actualice sus datos',
              },
            ],
          },
        ],
      },
    },
  },
  nearestServicePoints: {
    response: {
      name: 'nearestServicePoints',
      summary: 'The nearest service point',
      value: {
        items: [
          {
            organizationId: 'ventanilla-unica-quito',
            organizationName: 'Ventanilla Única de Servicios Ciudadanos — Quito',
            cantonId: 'quito',
            location: {
              id: 'punto-la-mariscal',
              name: 'Ventanilla Única — Punto La Mariscal',
              kind: 'service-point',
              address: {
                address1: 'Av. Amazonas N24-196 y Jorge Washington, La Mariscal',
                city: 'Quito',
                province: 'Pichincha',
                country: 'EC',
              },
              latitude: -0.2031,
              longitude: -78.4913,
            },
            distanceKm: 3,
          },
        ],
      },
    },
  },
  exportCatalogue: {
    response: {
      name: 'exportCatalogue',
      summary: 'Quito’s catalogue as HSDS (one organization shown)',
      value: {
        organizations: [
          {
            id: '3f72880c-d914-5d0d-984f-28824570afa7',
            name: 'Banco de Alimentos Quito',
            description:
              'Fundación sin fines de lucro que recupera alimentos aptos para el consumo y los distribuye a familias y organizaciones sociales del Distrito.',
            email: 'ayuda@bancodealimentosquito.example.org',
            website: 'https://bancodealimentosquito.example.org',
            phones: [
              {
                id: '389cd7fd-82b6-5abc-bc01-4b7f4e71ab4e',
                number: '+59322803190',
              },
            ],
            contacts: [
              {
                id: '0e62e015-f4f8-5f01-b900-aef7d339f468',
                name: 'Daniela Chávez Ribadeneira',
                title: 'Coordinadora de Programas Sociales',
                email: 'daniela.chavez@bancodealimentosquito.example.org',
                phones: [
                  {
                    id: '0633c188-7423-5ea5-acca-4a6b022f6d0c',
                    number: '+593993381654',
                  },
                ],
                attributes: [
                  {
                    id: '3eebaa0f-af97-576f-b9b6-86e273143da3',
                    link_id: '0e62e015-f4f8-5f01-b900-aef7d339f468',
                    link_entity: 'contact',
                    taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                    taxonomy_term: {
                      id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                      code: 'swcs:id',
                      name: 'Identificador SWCS',
                      description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                      taxonomy: 'SWCS',
                      taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                      language: 'es',
                    },
                    value: 'baq-programas',
                  },
                ],
              },
            ],
            locations: [
              {
                id: 'fac42525-fd9c-5655-a9ea-7d7359aa9f12',
                location_type: 'physical',
                name: 'Banco de Alimentos Quito — Bodega Nayón',
                latitude: -0.1612,
                longitude: -78.4509,
                addresses: [
                  {
                    id: '1a85d0d2-0732-55d0-ae81-c96786a9782c',
                    address_1: 'Av. Simón Bolívar y Vía a Nayón, lote 14',
                    city: 'Quito',
                    state_province: 'Pichincha',
                    postal_code: '',
                    country: 'EC',
                    address_type: 'physical',
                  },
                ],
                attributes: [
                  {
                    id: 'ef5bdb3f-7e47-5b57-942a-a10c1ce5f1dc',
                    link_id: 'fac42525-fd9c-5655-a9ea-7d7359aa9f12',
                    link_entity: 'location',
                    taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                    taxonomy_term: {
                      id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                      code: 'swcs:id',
                      name: 'Identificador SWCS',
                      description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                      taxonomy: 'SWCS',
                      taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                      language: 'es',
                    },
                    value: 'baq-bodega-nayon',
                  },
                ],
              },
            ],
            services: [
              {
                id: 'b064aec2-4924-5c8a-a7ce-dc242f8bdbda',
                organization_id: '3f72880c-d914-5d0d-984f-28824570afa7',
                name: 'Canasta solidaria de alimentos',
                description:
                  'Entrega mensual, durante tres meses, de una canasta de alimentos no perecibles, frutas y verduras a hogares que atraviesan una pérdida de ingresos, con taller de nutrición y aprovechamiento de alimentos.',
                status: 'active',
                eligibility_description:
                  'Hogares en pobreza, pobreza extrema o vulnerabilidad, con prioridad para hogares con niñas y niños, personas adultas mayores o que perdieron a su jefe de hogar.',
                schedules: [
                  {
                    id: '3c630240-3730-5f26-8f75-aef57c10493f',
                    freq: 'WEEKLY',
                    byday: 'WE,FR',
                    opens_at: '09:00-05:00',
                    closes_at: '15:00-05:00',
                    notes: 'Retiro de canastas en bodega',
                  },
                ],
                service_at_locations: [
                  {
                    id: '7fb9f09e-c328-51bd-8434-53e31e222ad9',
                    location_id: 'fac42525-fd9c-5655-a9ea-7d7359aa9f12',
                  },
                ],
                contacts: [
                  {
                    id: '0e62e015-f4f8-5f01-b900-aef7d339f468',
                    name: 'Daniela Chávez Ribadeneira',
                    title: 'Coordinadora de Programas Sociales',
                    email: 'daniela.chavez@bancodealimentosquito.example.org',
                    phones: [
                      {
                        id: '0633c188-7423-5ea5-acca-4a6b022f6d0c',
                        number: '+593993381654',
                      },
                    ],
                    attributes: [
                      {
                        id: '3eebaa0f-af97-576f-b9b6-86e273143da3',
                        link_id: '0e62e015-f4f8-5f01-b900-aef7d339f468',
                        link_entity: 'contact',
                        taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                        taxonomy_term: {
                          id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                          code: 'swcs:id',
                          name: 'Identificador SWCS',
                          description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                          taxonomy: 'SWCS',
                          taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                          language: 'es',
                        },
                        value: 'baq-programas',
                      },
                    ],
                  },
                ],
                required_documents: [
                  {
                    id: '52f0369c-3c6b-5861-9bff-97fb6c2e57b6',
                    document: 'Cédula de identidad de la jefa o jefe de hogar',
                  },
                ],
                capacities: [
                  {
                    id: 'f65fbfe1-9b5d-51a2-b6fc-bb06e27adb53',
                    unit: {
                      id: '1ef8852e-4570-520e-bbe4-3bd2c3d92443',
                      name: 'cupo',
                      scheme: 'SWCS',
                      identifier: 'spot',
                    },
                    available: 86,
                    maximum: 300,
                    updated: '2026-12-01T12:01:01.620Z',
                  },
                ],
                attributes: [
                  {
                    id: '83089318-33f5-5788-b6d5-804c0bbddeca',
                    link_id: 'b064aec2-4924-5c8a-a7ce-dc242f8bdbda',
                    link_entity: 'service',
                    taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                    taxonomy_term: {
                      id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                      code: 'swcs:id',
                      name: 'Identificador SWCS',
                      description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                      taxonomy: 'SWCS',
                      taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                      language: 'es',
                    },
                    value: 'baq-canasta-solidaria',
                  },
                ],
              },
            ],
            attributes: [
              {
                id: 'bea70f52-eab8-5bc7-8786-b1ab918cc234',
                link_id: '3f72880c-d914-5d0d-984f-28824570afa7',
                link_entity: 'organization',
                taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                taxonomy_term: {
                  id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                  code: 'swcs:id',
                  name: 'Identificador SWCS',
                  description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                  taxonomy: 'SWCS',
                  taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                  language: 'es',
                },
                value: 'banco-alimentos-quito',
              },
            ],
          },
        ],
      },
    },
  },
  importCatalogue: {
    request: {
      name: 'importCatalogue',
      summary: 'One organization in HSDS',
      value: {
        organizations: [
          {
            id: '3f72880c-d914-5d0d-984f-28824570afa7',
            name: 'Banco de Alimentos Quito',
            description:
              'Fundación sin fines de lucro que recupera alimentos aptos para el consumo y los distribuye a familias y organizaciones sociales del Distrito.',
            email: 'ayuda@bancodealimentosquito.example.org',
            website: 'https://bancodealimentosquito.example.org',
            phones: [
              {
                id: '389cd7fd-82b6-5abc-bc01-4b7f4e71ab4e',
                number: '+59322803190',
              },
            ],
            contacts: [
              {
                id: '0e62e015-f4f8-5f01-b900-aef7d339f468',
                name: 'Daniela Chávez Ribadeneira',
                title: 'Coordinadora de Programas Sociales',
                email: 'daniela.chavez@bancodealimentosquito.example.org',
                phones: [
                  {
                    id: '0633c188-7423-5ea5-acca-4a6b022f6d0c',
                    number: '+593993381654',
                  },
                ],
                attributes: [
                  {
                    id: '3eebaa0f-af97-576f-b9b6-86e273143da3',
                    link_id: '0e62e015-f4f8-5f01-b900-aef7d339f468',
                    link_entity: 'contact',
                    taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                    taxonomy_term: {
                      id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                      code: 'swcs:id',
                      name: 'Identificador SWCS',
                      description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                      taxonomy: 'SWCS',
                      taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                      language: 'es',
                    },
                    value: 'baq-programas',
                  },
                ],
              },
            ],
            locations: [
              {
                id: 'fac42525-fd9c-5655-a9ea-7d7359aa9f12',
                location_type: 'physical',
                name: 'Banco de Alimentos Quito — Bodega Nayón',
                latitude: -0.1612,
                longitude: -78.4509,
                addresses: [
                  {
                    id: '1a85d0d2-0732-55d0-ae81-c96786a9782c',
                    address_1: 'Av. Simón Bolívar y Vía a Nayón, lote 14',
                    city: 'Quito',
                    state_province: 'Pichincha',
                    postal_code: '',
                    country: 'EC',
                    address_type: 'physical',
                  },
                ],
                attributes: [
                  {
                    id: 'ef5bdb3f-7e47-5b57-942a-a10c1ce5f1dc',
                    link_id: 'fac42525-fd9c-5655-a9ea-7d7359aa9f12',
                    link_entity: 'location',
                    taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                    taxonomy_term: {
                      id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                      code: 'swcs:id',
                      name: 'Identificador SWCS',
                      description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                      taxonomy: 'SWCS',
                      taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                      language: 'es',
                    },
                    value: 'baq-bodega-nayon',
                  },
                ],
              },
            ],
            services: [
              {
                id: 'b064aec2-4924-5c8a-a7ce-dc242f8bdbda',
                organization_id: '3f72880c-d914-5d0d-984f-28824570afa7',
                name: 'Canasta solidaria de alimentos',
                description:
                  'Entrega mensual, durante tres meses, de una canasta de alimentos no perecibles, frutas y verduras a hogares que atraviesan una pérdida de ingresos, con taller de nutrición y aprovechamiento de alimentos.',
                status: 'active',
                eligibility_description:
                  'Hogares en pobreza, pobreza extrema o vulnerabilidad, con prioridad para hogares con niñas y niños, personas adultas mayores o que perdieron a su jefe de hogar.',
                schedules: [
                  {
                    id: '3c630240-3730-5f26-8f75-aef57c10493f',
                    freq: 'WEEKLY',
                    byday: 'WE,FR',
                    opens_at: '09:00-05:00',
                    closes_at: '15:00-05:00',
                    notes: 'Retiro de canastas en bodega',
                  },
                ],
                service_at_locations: [
                  {
                    id: '7fb9f09e-c328-51bd-8434-53e31e222ad9',
                    location_id: 'fac42525-fd9c-5655-a9ea-7d7359aa9f12',
                  },
                ],
                contacts: [
                  {
                    id: '0e62e015-f4f8-5f01-b900-aef7d339f468',
                    name: 'Daniela Chávez Ribadeneira',
                    title: 'Coordinadora de Programas Sociales',
                    email: 'daniela.chavez@bancodealimentosquito.example.org',
                    phones: [
                      {
                        id: '0633c188-7423-5ea5-acca-4a6b022f6d0c',
                        number: '+593993381654',
                      },
                    ],
                    attributes: [
                      {
                        id: '3eebaa0f-af97-576f-b9b6-86e273143da3',
                        link_id: '0e62e015-f4f8-5f01-b900-aef7d339f468',
                        link_entity: 'contact',
                        taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                        taxonomy_term: {
                          id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                          code: 'swcs:id',
                          name: 'Identificador SWCS',
                          description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                          taxonomy: 'SWCS',
                          taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                          language: 'es',
                        },
                        value: 'baq-programas',
                      },
                    ],
                  },
                ],
                required_documents: [
                  {
                    id: '52f0369c-3c6b-5861-9bff-97fb6c2e57b6',
                    document: 'Cédula de identidad de la jefa o jefe de hogar',
                  },
                ],
                capacities: [
                  {
                    id: 'f65fbfe1-9b5d-51a2-b6fc-bb06e27adb53',
                    unit: {
                      id: '1ef8852e-4570-520e-bbe4-3bd2c3d92443',
                      name: 'cupo',
                      scheme: 'SWCS',
                      identifier: 'spot',
                    },
                    available: 86,
                    maximum: 300,
                    updated: '2026-12-01T12:01:01.620Z',
                  },
                ],
                attributes: [
                  {
                    id: '83089318-33f5-5788-b6d5-804c0bbddeca',
                    link_id: 'b064aec2-4924-5c8a-a7ce-dc242f8bdbda',
                    link_entity: 'service',
                    taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                    taxonomy_term: {
                      id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                      code: 'swcs:id',
                      name: 'Identificador SWCS',
                      description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                      taxonomy: 'SWCS',
                      taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                      language: 'es',
                    },
                    value: 'baq-canasta-solidaria',
                  },
                ],
              },
            ],
            attributes: [
              {
                id: 'bea70f52-eab8-5bc7-8786-b1ab918cc234',
                link_id: '3f72880c-d914-5d0d-984f-28824570afa7',
                link_entity: 'organization',
                taxonomy_term_id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                taxonomy_term: {
                  id: '82c5e0f1-d39c-5ef9-992f-33a20cb2793e',
                  code: 'swcs:id',
                  name: 'Identificador SWCS',
                  description: 'Identificador del registro en la Ventanilla Única (SWCS)',
                  taxonomy: 'SWCS',
                  taxonomy_id: '14d9e178-a6bb-538c-9280-a35fe5b3ae30',
                  language: 'es',
                },
                value: 'banco-alimentos-quito',
              },
            ],
          },
        ],
      },
    },
    response: {
      name: 'importCatalogue',
      summary: 'What the import wrote',
      value: {
        organizations: 1,
        services: 2,
        written: 0,
        unchanged: 3,
        kept: [],
      },
    },
  },
  publishProtocol: {
    request: {
      name: 'publishProtocol',
      summary:
        'Quito’s home-destroyed protocol: the national template with shorter deadlines, from 4 January 2027',
      value: {
        inherits: 'national',
        overrides: {
          eligibleServiceIds: [
            'psj-albergue-emergencias',
            'baq-raciones-emergencia',
            'pscs-ayuda-humanitaria',
          ],
          deadlines: {
            acknowledgement: {
              amount: 2,
              unit: 'hours',
            },
          },
          reminders: {
            acknowledgement: [
              {
                amount: 1,
                unit: 'hours',
              },
            ],
          },
          escalation: {
            acknowledgement: [
              {
                after: {
                  amount: 1,
                  unit: 'hours',
                },
                notify: {
                  role: 'supervisor',
                },
              },
              {
                after: {
                  amount: 2,
                  unit: 'hours',
                },
                notify: {
                  role: 'canton-coordinator',
                },
              },
              {
                after: {
                  amount: 6,
                  unit: 'hours',
                },
                notify: {
                  role: 'national-coordinator',
                },
              },
            ],
          },
          validity: {
            from: '2027-01-04',
          },
        },
      },
    },
    response: {
      name: 'publishProtocol',
      summary: 'The version published',
      value: {
        cantonId: 'quito',
        category: 'urgent',
        subcategory: 'home-destroyed',
        version: 2,
        definition: {
          subcategory: {
            category: 'urgent',
            subcategory: 'home-destroyed',
          },
          handledBy: 'swcs-officer',
          eligibleServiceIds: ['psj-albergue-emergencias'],
          nationalServiceIds: ['bono-contingencia-emergencias'],
          deadlines: {
            acknowledgement: {
              amount: 2,
              unit: 'hours',
            },
            counterReferral: {
              amount: 48,
              unit: 'hours',
            },
          },
          reminders: {
            acknowledgement: [
              {
                amount: 1,
                unit: 'hours',
              },
            ],
            counterReferral: [
              {
                amount: 24,
                unit: 'hours',
              },
            ],
          },
          escalation: {
            acknowledgement: [
              {
                after: {
                  amount: 1,
                  unit: 'hours',
                },
                notify: {
                  role: 'supervisor',
                },
              },
            ],
            counterReferral: [
              {
                after: {
                  amount: 6,
                  unit: 'hours',
                },
                notify: {
                  role: 'supervisor',
                },
              },
            ],
          },
          counterReferral: {
            requiredFields: ['assisted'],
            customFields: [
              {
                name: 'temporaryShelterProvided',
                type: 'boolean',
                label: {
                  es: 'Se brindó albergue temporal',
                  en: 'Temporary shelter provided',
                },
              },
            ],
          },
          validity: {
            from: '2027-01-04',
          },
          indicators: [
            {
              id: 'on-time-acknowledgement-rate',
              target: 0.95,
            },
          ],
        },
        publishedAt: '2026-12-01T12:01:06.066Z',
        publishedBy: 'uio.coordinadora',
        inheritsFrom: {
          cantonId: 'national',
          version: 1,
        },
      },
    },
  },
  listProtocols: {
    response: {
      name: 'listProtocols',
      summary: 'The first page of Quito’s protocols',
      value: {
        items: [
          {
            category: 'urgent',
            subcategory: 'terminal-illness',
            label: 'Enfermedad terminal en la familia',
            source: 'canton',
            version: 1,
            handledBy: 'swcs-officer',
            validity: {
              from: '2026-01-01',
            },
          },
        ],
        nextCursor:
          'eyJrIjp7ImFmdGVyIjpbMCwwXX0sInMiOiJIVUluNVpoTk00enpRNTBUck9xcUtHdjVNVGRuSVNUSEdQZUNtVXRPZEtRIn0.zCNqIxOQ0iGm5LFHZKEWFHOheMJXbT8tR5xwfQiubjU',
      },
    },
  },
  getProtocol: {
    response: {
      name: 'getProtocol',
      summary: 'The protocol in force, its versions and where a request can go',
      value: {
        category: 'urgent',
        subcategory: 'home-destroyed',
        label: 'Vivienda destruida o inhabitable',
        inForce: {
          cantonId: 'quito',
          category: 'urgent',
          subcategory: 'home-destroyed',
          version: 1,
          definition: {
            subcategory: {
              category: 'urgent',
              subcategory: 'home-destroyed',
            },
            handledBy: 'swcs-officer',
            eligibleServiceIds: ['psj-albergue-emergencias'],
            nationalServiceIds: ['bono-contingencia-emergencias'],
            deadlines: {
              acknowledgement: {
                amount: 2,
                unit: 'hours',
              },
              counterReferral: {
                amount: 48,
                unit: 'hours',
              },
            },
            reminders: {
              acknowledgement: [
                {
                  amount: 1,
                  unit: 'hours',
                },
              ],
              counterReferral: [
                {
                  amount: 24,
                  unit: 'hours',
                },
              ],
            },
            escalation: {
              acknowledgement: [
                {
                  after: {
                    amount: 1,
                    unit: 'hours',
                  },
                  notify: {
                    role: 'supervisor',
                  },
                },
              ],
              counterReferral: [
                {
                  after: {
                    amount: 6,
                    unit: 'hours',
                  },
                  notify: {
                    role: 'supervisor',
                  },
                },
              ],
            },
            counterReferral: {
              requiredFields: ['assisted'],
              customFields: [
                {
                  name: 'temporaryShelterProvided',
                  type: 'boolean',
                  label: {
                    es: 'Se brindó albergue temporal',
                    en: 'Temporary shelter provided',
                  },
                },
              ],
            },
            validity: {
              from: '2026-01-01',
              until: '2027-01-04',
            },
            indicators: [
              {
                id: 'on-time-acknowledgement-rate',
                target: 0.95,
              },
            ],
          },
          publishedAt: '2026-12-01T12:01:03.059Z',
          publishedBy: 'system:seed',
          inheritsFrom: {
            cantonId: 'national',
            version: 1,
          },
        },
        source: 'canton',
        referralTargets: {
          services: [
            {
              serviceId: 'psj-albergue-emergencias',
              name: 'Albergue temporal para familias afectadas por emergencias',
              organizationId: 'patronato-san-jose',
              status: 'active',
            },
          ],
          allServingSubcategory: false,
          escalation: {
            route: 'POST /cantons/quito/requests/{requestId}/escalation',
            nationalServices: [
              {
                serviceId: 'bono-contingencia-emergencias',
                name: 'Bono de contingencia para familias afectadas por emergencias',
                organizationId: 'mies-nacional',
                status: 'active',
              },
            ],
            text: 'Un cantón no deriva a servicios nacionales: para llegar a ellos, escale la solicitud a la ventanilla única nacional, que hace la derivación',
          },
        },
        versions: [
          {
            cantonId: 'quito',
            version: 1,
            validity: {
              from: '2026-01-01',
              until: '2027-01-04',
            },
            publishedAt: '2026-12-01T12:01:03.059Z',
            publishedBy: 'system:seed',
            inheritsFrom: {
              cantonId: 'national',
              version: 1,
            },
          },
        ],
        templateVersions: [
          {
            cantonId: 'national',
            version: 1,
            validity: {
              from: '2026-01-01',
            },
            publishedAt: '2026-12-01T12:01:02.205Z',
            publishedBy: 'system:seed',
          },
        ],
      },
    },
  },
  getProtocolVersion: {
    response: {
      name: 'getProtocolVersion',
      summary: 'A protocol version',
      value: {
        cantonId: 'quito',
        category: 'urgent',
        subcategory: 'home-destroyed',
        version: 1,
        definition: {
          subcategory: {
            category: 'urgent',
            subcategory: 'home-destroyed',
          },
          handledBy: 'swcs-officer',
          eligibleServiceIds: ['psj-albergue-emergencias'],
          nationalServiceIds: ['bono-contingencia-emergencias'],
          deadlines: {
            acknowledgement: {
              amount: 2,
              unit: 'hours',
            },
            counterReferral: {
              amount: 48,
              unit: 'hours',
            },
          },
          reminders: {
            acknowledgement: [
              {
                amount: 1,
                unit: 'hours',
              },
            ],
            counterReferral: [
              {
                amount: 24,
                unit: 'hours',
              },
            ],
          },
          escalation: {
            acknowledgement: [
              {
                after: {
                  amount: 1,
                  unit: 'hours',
                },
                notify: {
                  role: 'supervisor',
                },
              },
            ],
            counterReferral: [
              {
                after: {
                  amount: 6,
                  unit: 'hours',
                },
                notify: {
                  role: 'supervisor',
                },
              },
            ],
          },
          counterReferral: {
            requiredFields: ['assisted'],
            customFields: [
              {
                name: 'temporaryShelterProvided',
                type: 'boolean',
                label: {
                  es: 'Se brindó albergue temporal',
                  en: 'Temporary shelter provided',
                },
              },
            ],
          },
          validity: {
            from: '2026-01-01',
            until: '2027-01-04',
          },
          indicators: [
            {
              id: 'on-time-acknowledgement-rate',
              target: 0.95,
            },
          ],
        },
        publishedAt: '2026-12-01T12:01:03.059Z',
        publishedBy: 'system:seed',
        inheritsFrom: {
          cantonId: 'national',
          version: 1,
        },
      },
    },
  },
  createReferral: {
    request: {
      name: 'createReferral',
      summary: 'Refer to the emergency shelter',
      value: {
        serviceId: 'psj-albergue-emergencias',
      },
    },
    response: {
      name: 'createReferral',
      summary: 'The referral, a spot reserved',
      value: {
        referralId: '01M8RQNR63E4662TDQN9R9T63K',
        cantonId: 'quito',
        reference: 'N9R9-T63K',
        requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
        service: {
          cantonId: 'quito',
          serviceId: 'psj-albergue-emergencias',
          organizationId: 'patronato-san-jose',
          name: 'Albergue temporal para familias afectadas por emergencias',
        },
        referringOfficer: 'uio.tecnica1',
        status: 'requested',
        spot: 'reserved',
        deadlines: {
          acknowledgement: '2026-12-01T14:01:06.242Z',
        },
        protocol: {
          cantonId: 'quito',
          version: 1,
        },
        overdue: false,
        createdAt: '2026-12-01T12:01:06.242Z',
        updatedAt: '2026-12-01T12:01:06.242Z',
        version: 1,
      },
    },
  },
  listRequestReferrals: {
    response: {
      name: 'listRequestReferrals',
      summary: 'A request’s referrals',
      value: {
        items: [
          {
            referralId: '01M8RQNR63E4662TDQN9R9T63K',
            cantonId: 'quito',
            reference: 'N9R9-T63K',
            requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
            service: {
              cantonId: 'quito',
              serviceId: 'psj-albergue-emergencias',
              organizationId: 'patronato-san-jose',
              name: 'Albergue temporal para familias afectadas por emergencias',
            },
            referringOfficer: 'uio.tecnica1',
            status: 'requested',
            spot: 'reserved',
            deadlines: {
              acknowledgement: '2026-12-01T14:01:06.242Z',
            },
            counterReferred: false,
            needsAttention: false,
            overdue: false,
            createdAt: '2026-12-01T12:01:06.242Z',
            updatedAt: '2026-12-01T12:01:06.242Z',
            version: 1,
          },
        ],
      },
    },
  },
  getReferral: {
    response: {
      name: 'getReferral',
      summary: 'A referral with its history',
      value: {
        referralId: '01M8RQNR63E4662TDQN9R9T63K',
        cantonId: 'quito',
        reference: 'N9R9-T63K',
        requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
        service: {
          cantonId: 'quito',
          serviceId: 'psj-albergue-emergencias',
          organizationId: 'patronato-san-jose',
          name: 'Albergue temporal para familias afectadas por emergencias',
        },
        referringOfficer: 'uio.tecnica1',
        status: 'accepted',
        spot: 'consumed',
        deadlines: {
          acknowledgement: '2026-12-01T14:01:06.242Z',
          counterReferral: '2026-12-03T12:01:06.572Z',
        },
        acknowledgedAt: '2026-12-01T12:01:06.572Z',
        protocol: {
          cantonId: 'quito',
          version: 1,
        },
        notifiedAt: '2026-12-01T12:01:06.534Z',
        overdue: false,
        createdAt: '2026-12-01T12:01:06.242Z',
        updatedAt: '2026-12-01T12:01:06.572Z',
        version: 2,
        history: [
          {
            at: '2026-12-01T12:01:06.242Z',
            by: {
              userId: 'uio.tecnica1',
              roles: ['swcs-officer'],
            },
            action: 'created',
            details: {
              requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
              service: {
                cantonId: 'quito',
                serviceId: 'psj-albergue-emergencias',
              },
              protocol: {
                cantonId: 'quito',
                version: 1,
              },
              spot: 'reserved',
              deadline: '2026-12-01T14:01:06.242Z',
            },
          },
          {
            at: '2026-12-01T12:01:06.572Z',
            by: {
              userId: 'uio.enlace.lcaiza',
              roles: ['contact-officer'],
            },
            action: 'accepted',
            details: {
              acknowledged: true,
              counterReferralDeadline: '2026-12-03T12:01:06.572Z',
              spot: {
                from: 'reserved',
                to: 'consumed',
              },
            },
          },
        ],
      },
    },
  },
  transitionReferral: {
    request: {
      name: 'transitionReferral',
      summary: 'The contact officer accepts',
      value: {
        action: 'accept',
      },
    },
    response: {
      name: 'transitionReferral',
      summary: 'The accepted referral',
      value: {
        referralId: '01M8RQNR63E4662TDQN9R9T63K',
        cantonId: 'quito',
        reference: 'N9R9-T63K',
        requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
        service: {
          cantonId: 'quito',
          serviceId: 'psj-albergue-emergencias',
          organizationId: 'patronato-san-jose',
          name: 'Albergue temporal para familias afectadas por emergencias',
        },
        referringOfficer: 'uio.tecnica1',
        status: 'accepted',
        spot: 'consumed',
        deadlines: {
          acknowledgement: '2026-12-01T14:01:06.242Z',
          counterReferral: '2026-12-03T12:01:06.572Z',
        },
        acknowledgedAt: '2026-12-01T12:01:06.572Z',
        protocol: {
          cantonId: 'quito',
          version: 1,
        },
        notifiedAt: '2026-12-01T12:01:06.534Z',
        overdue: false,
        createdAt: '2026-12-01T12:01:06.242Z',
        updatedAt: '2026-12-01T12:01:06.572Z',
        version: 2,
      },
    },
  },
  providerInbox: {
    response: {
      name: 'providerInbox',
      summary: 'The provider’s accepted referrals',
      value: {
        items: [
          {
            referralId: '01M8RQNR63E4662TDQN9R9T63K',
            cantonId: 'quito',
            reference: 'N9R9-T63K',
            requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
            service: {
              cantonId: 'quito',
              serviceId: 'psj-albergue-emergencias',
              organizationId: 'patronato-san-jose',
              name: 'Albergue temporal para familias afectadas por emergencias',
            },
            referringOfficer: 'uio.tecnica1',
            status: 'accepted',
            spot: 'consumed',
            deadlines: {
              acknowledgement: '2026-12-01T14:01:06.242Z',
              counterReferral: '2026-12-03T12:01:06.572Z',
            },
            acknowledgedAt: '2026-12-01T12:01:06.572Z',
            counterReferred: false,
            needsAttention: false,
            overdue: false,
            createdAt: '2026-12-01T12:01:06.242Z',
            updatedAt: '2026-12-01T12:01:06.572Z',
            version: 2,
          },
        ],
      },
    },
  },
  overdueReferrals: {
    response: {
      name: 'overdueReferrals',
      summary: 'Referrals past a deadline (none here)',
      value: {
        items: [],
      },
    },
  },
  escalateRequest: {
    request: {
      name: 'escalateRequest',
      summary: 'Quito cannot serve the request',
      value: {
        reason: 'Quito no tiene cupos de vivienda de interés social este año',
      },
    },
    response: {
      name: 'escalateRequest',
      summary: 'The escalated request',
      value: {
        requestId: '01M8RQNRNXZ5F7NDBA8SJRKB6C',
        cantonId: 'quito',
        reference: '8SJR-KB6C',
        status: 'escalated',
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: 'Perdió su vivienda en el deslave de ayer',
        protocol: {
          cantonId: 'national',
          version: 1,
        },
        urgency: 'high',
        consent: {
          dataSharing: 'given',
          recordedAt: '2026-12-01T12:01:06.745Z',
          recordedBy: 'uio.tecnica1',
        },
        createdAt: '2026-12-01T12:01:06.745Z',
        createdBy: 'uio.tecnica1',
        updatedAt: '2026-12-01T12:01:06.762Z',
        version: 2,
        escalation: {
          to: 'national',
          at: '2026-12-01T12:01:06.762Z',
          by: 'uio.tecnica1',
          reason: 'Quito no tiene cupos de vivienda de interés social este año',
        },
        classification: {
          category: 'non-urgent',
          subcategory: 'housing',
          label: 'Vivienda',
        },
      },
    },
  },
  listEscalations: {
    response: {
      name: 'listEscalations',
      summary: 'The national inbox of escalations',
      value: {
        items: [
          {
            originCantonId: 'quito',
            requestId: '01M8RQNRNXZ5F7NDBA8SJRKB6C',
            reference: '8SJR-KB6C',
            classification: {
              category: 'non-urgent',
              subcategory: 'housing',
              label: 'Vivienda',
            },
            urgency: 'high',
            at: '2026-12-01T12:01:06.762Z',
            by: 'uio.tecnica1',
          },
        ],
      },
    },
  },
  getEscalatedRequest: {
    response: {
      name: 'getEscalatedRequest',
      summary: 'An escalated request with its history and referrals',
      value: {
        requestId: '01M8RQNRNXZ5F7NDBA8SJRKB6C',
        cantonId: 'quito',
        reference: '8SJR-KB6C',
        status: 'escalated',
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: {
            given: 'Rosa',
            family: 'Guamán',
          },
        },
        contact: {
          phone: '+593991234567',
          preferredChannel: 'phone',
        },
        description: 'Perdió su vivienda en el deslave de ayer',
        protocol: {
          cantonId: 'national',
          version: 1,
        },
        urgency: 'high',
        consent: {
          dataSharing: 'given',
          recordedAt: '2026-12-01T12:01:06.745Z',
          recordedBy: 'uio.tecnica1',
        },
        createdAt: '2026-12-01T12:01:06.745Z',
        createdBy: 'uio.tecnica1',
        updatedAt: '2026-12-01T12:01:06.762Z',
        version: 2,
        escalation: {
          to: 'national',
          at: '2026-12-01T12:01:06.762Z',
          by: 'uio.tecnica1',
          reason: 'Quito no tiene cupos de vivienda de interés social este año',
        },
        classification: {
          category: 'non-urgent',
          subcategory: 'housing',
          label: 'Vivienda',
        },
        history: [
          {
            at: '2026-12-01T12:01:06.745Z',
            by: {
              userId: 'uio.tecnica1',
              roles: ['swcs-officer'],
            },
            action: 'recorded',
            details: {
              channel: 'phone',
              urgency: 'high',
              identification: 'national-id',
              consent: 'given',
              classification: {
                category: 'non-urgent',
                subcategory: 'housing',
              },
              protocol: {
                cantonId: 'national',
                version: 1,
              },
            },
          },
          {
            at: '2026-12-01T12:01:06.762Z',
            by: {
              userId: 'uio.tecnica1',
              roles: ['swcs-officer'],
            },
            action: 'escalated',
            details: {
              to: 'national',
              reason: 'Quito no tiene cupos de vivienda de interés social este año',
            },
          },
        ],
        referrals: [],
      },
    },
  },
  referEscalatedRequest: {
    request: {
      name: 'referEscalatedRequest',
      summary: 'Refer to a national service, although the rule is not met',
      value: {
        serviceId: 'miduvi-vivienda-interes-social',
        eligibilityOverride: {
          reason: 'Familia damnificada, verificada en visita domiciliaria',
        },
      },
    },
    response: {
      name: 'referEscalatedRequest',
      summary: 'The national referral',
      value: {
        referralId: '01M8RQNS3HYPN68R7MWN49RYYP',
        cantonId: 'national',
        reference: 'WN49-RYYP',
        requestId: '01M8RQNRNXZ5F7NDBA8SJRKB6C',
        service: {
          cantonId: 'national',
          serviceId: 'miduvi-vivienda-interes-social',
          organizationId: 'miduvi',
          name: 'Vivienda de interés social y bono de reconstrucción',
        },
        referringOfficer: 'nat.coordinador',
        status: 'requested',
        spot: 'reserved',
        deadlines: {
          acknowledgement: '2026-12-03T22:00:00.000Z',
        },
        eligibilityOverride: {
          reason: 'Familia damnificada, verificada en visita domiciliaria',
        },
        protocol: {
          cantonId: 'national',
          version: 1,
        },
        overdue: false,
        createdAt: '2026-12-01T12:01:07.180Z',
        updatedAt: '2026-12-01T12:01:07.180Z',
        version: 1,
      },
    },
  },
  getOpenApi: {
    response: {
      name: 'getOpenApi',
      summary: 'This document (abridged)',
      value: {
        openapi: '3.1.0',
        info: {
          title: 'SWCS — Ventanilla Única de Servicios Ciudadanos',
          version: '0.1.0',
        },
        paths: {},
      },
    },
  },
  getCatalogueImport: {
    response: {
      name: 'getCatalogueImport',
      summary: 'A job half-way',
      value: {
        jobId: '01JD5ZW9A1B2C3D4E5F6G7H8J9',
        cantonId: 'quito',
        status: 'running',
        location: '/cantons/quito/catalogue/imports/01JD5ZW9A1B2C3D4E5F6G7H8J9',
        organizations: 1,
        services: 5000,
        progress: {
          done: 2400,
          total: 5001,
        },
        outcome: {
          written: 2400,
          unchanged: 0,
          errors: [],
        },
        createdAt: '2026-11-20T14:05:00.000Z',
        updatedAt: '2026-11-20T14:05:41.000Z',
      },
    },
  },
  referralAlternatives: {
    response: {
      name: 'referralAlternatives',
      summary: 'A referral whose ladder ran out, and the next services with spots',
      value: {
        referralId: '01M8RQNR63E4662TDQN9R9T63K',
        reference: 'N9R9-T63K',
        stuck: 'deadline-expired',
        services: [
          {
            serviceId: 'hogar-de-cristo-albergue',
            name: 'Albergue de emergencia Hogar de Cristo',
            organizationId: 'hogar-de-cristo',
            available: 6,
            eligible: true,
            unmet: [],
            providerTried: false,
          },
        ],
      },
    },
  },
  rerouteReferral: {
    request: {
      name: 'rerouteReferral',
      summary: 'Re-route to another shelter',
      value: { serviceId: 'hogar-de-cristo-albergue' },
    },
    response: {
      name: 'rerouteReferral',
      summary: 'The new referral, linked to the one it re-routes',
      value: {
        referralId: '01M8RSB1QW7E2KJ5X9D4T0ZC3H',
        cantonId: 'quito',
        reference: 'T0ZC-3HQW',
        requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
        service: {
          cantonId: 'quito',
          serviceId: 'hogar-de-cristo-albergue',
          organizationId: 'hogar-de-cristo',
          name: 'Albergue de emergencia Hogar de Cristo',
        },
        referringOfficer: 'uio.tecnica1',
        status: 'requested',
        spot: 'reserved',
        deadlines: { acknowledgement: '2026-12-01T20:10:00.000Z' },
        protocol: { cantonId: 'quito', version: 1 },
        reroutedFrom: [
          {
            referralId: '01M8RQNR63E4662TDQN9R9T63K',
            reference: 'N9R9-T63K',
            serviceId: 'psj-albergue-emergencias',
          },
        ],
        overdue: false,
        createdAt: '2026-12-01T18:10:00.000Z',
        updatedAt: '2026-12-01T18:10:00.000Z',
        version: 1,
      },
    },
  },
  ...COMPLAINT_EXAMPLES,
  ...CONFIRMATION_EXAMPLES,
};
