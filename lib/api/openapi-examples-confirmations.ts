/**
 * The examples of the citizen's confirmation routes and of revoking a referral's links in the OpenAPI document (gathered into OPERATION_EXAMPLES by
 * lib/api/openapi-examples.ts): Quito's call-back list and an operator's answer from the call, checked against the
 * document by test/handlers/openapi.test.ts.
 */
interface Example {
  readonly name: string;
  readonly summary: string;
  readonly value: unknown;
}

export const CONFIRMATION_EXAMPLES: Readonly<
  Record<string, { readonly request?: Example; readonly response?: Example }>
> = {
  closuresToConfirm: {
    response: {
      name: 'closuresToConfirm',
      summary: 'Two citizens to call: one without a phone, one who did not answer the SMS in 5 working days',
      value: {
        items: [
          {
            referralId: '01M8RQNR63E4662TDQN9R9T63K',
            referralReference: 'N9R9-T63K',
            requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
            requestCantonId: 'quito',
            requestReference: 'R40P-1Z7Q',
            serviceName: 'Albergue temporal para familias afectadas por emergencias',
            completedAt: '2026-12-01T15:20:00.000Z',
            askedBy: 'call',
            callReason: 'no-phone',
            callFrom: '2026-12-01T15:20:00.000Z',
            citizenInitials: 'R. G.',
          },
          {
            referralId: '01M8RSB1QW7E2KJ5X9D4T0ZC3H',
            referralReference: 'T0ZC-3HQW',
            requestId: '01M8RS9ZQ2W3E4R5T6Y7U8I9O0',
            requestCantonId: 'quito',
            requestReference: 'U8I9-O0PQ',
            serviceName: 'Centro gerontológico diurno',
            completedAt: '2026-11-20T16:00:00.000Z',
            askedBy: 'sms',
            smsSentAt: '2026-11-20T16:00:01.000Z',
            callFrom: '2026-11-27T22:00:00.000Z',
          },
        ],
        nextCursor: 'eyJrIjoiQzNWa1pTSXNJbkJoWjJVaU9qRjkiLCJzIjoiLi4uIn0',
      },
    },
  },
  recordCitizenConfirmation: {
    request: {
      name: 'recordCitizenConfirmation',
      summary: 'On the phone, the citizen says she was served and rates it 4',
      value: { answer: 'confirmed', rating: 4 },
    },
    response: {
      name: 'recordCitizenConfirmation',
      summary: 'The referral with the citizen’s confirmation',
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
        status: 'completed',
        spot: 'consumed',
        deadlines: {
          acknowledgement: '2026-12-01T14:01:06.242Z',
          counterReferral: '2026-12-03T12:01:06.572Z',
        },
        acknowledgedAt: '2026-12-01T12:01:06.572Z',
        counterReferral: {
          assisted: true,
          outcome: 'Familia alojada en el albergue',
          dateServed: '2026-12-01',
          customFields: {},
          recordedAt: '2026-12-01T15:20:00.000Z',
          recordedBy: 'uio.enlace.lcaiza',
        },
        protocol: { cantonId: 'quito', version: 1 },
        notifiedAt: '2026-12-01T12:01:06.534Z',
        citizenConfirmation: {
          answer: 'confirmed',
          rating: 4,
          at: '2026-12-02T14:05:00.000Z',
          via: 'operator',
          by: 'uio.operador1',
        },
        overdue: false,
        createdAt: '2026-12-01T12:01:06.242Z',
        updatedAt: '2026-12-02T14:05:00.000Z',
        version: 5,
      },
    },
  },
  revokeReferralLinks: {
    request: {
      name: 'revokeReferralLinks',
      summary: 'The shelter’s SMS went to a number the officer no longer uses',
      value: { reason: 'El enlace se envió a un teléfono que ya no usa el funcionario de enlace' },
    },
    response: {
      name: 'revokeReferralLinks',
      summary: 'Three links revoked: two contact officers’ and the referring officer’s',
      value: { referralId: '01M8RQNR63E4662TDQN9R9T63K', revoked: 3, at: '2026-12-01T16:40:00.000Z' },
    },
  },
};
