import createClient from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import { README_COMPLAINT } from '../support/readme-cases.js';

/**
 * The README's walk-throughs (intake, a referral to its counter-referral, a complaint to its appeal) written as an
 * integrator would, with a client generated from `GET /openapi.json` by openapi-typescript and openapi-fetch: no
 * casts, no `any`.
 * test/client/typed-client.test.ts generates the types, typechecks this file against them and runs it.
 */
export interface WalkOptions {
  readonly baseUrl: string;
  readonly tokens: { readonly operator: string; readonly officer: string; readonly contact: string };
  /** The transport (the test's checks the answers against the document on the way). */
  readonly fetch?: (request: Request) => Promise<Response>;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function clientFor(options: WalkOptions) {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** Fails with the problem document the API answered when a step did not succeed. */
function succeeded<T>(step: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${step}: ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

export async function walkIntake(options: WalkOptions) {
  const api = clientFor(options);
  const cantonId = 'quito';
  const headers = bearer(options.tokens.operator);

  const recorded = succeeded(
    'record',
    await api.POST('/cantons/{cantonId}/requests', {
      params: { path: { cantonId } },
      headers,
      body: {
        channel: 'phone',
        citizen: {
          identification: 'national-id',
          nationalId: '1710034065',
          name: { given: 'Rosa', family: 'Guamán' },
        },
        contact: { phone: '+593991234567', preferredChannel: 'phone' },
        description: 'Perdió su vivienda en el deslave de ayer',
        classification: { category: 'non-urgent', subcategory: 'housing' },
        urgency: 'high',
        consent: { dataSharing: 'given' },
      },
    }),
  );
  const requestId = recorded.requestId;
  const path = { cantonId, requestId };

  const reclassified = succeeded(
    'reclassify',
    await api.PUT('/cantons/{cantonId}/requests/{requestId}/classification', {
      params: { path },
      headers,
      body: { category: 'urgent', subcategory: 'home-destroyed', note: 'La vivienda colapsó' },
    }),
  );

  const assigned = succeeded(
    'assign',
    await api.PUT('/cantons/{cantonId}/requests/{requestId}/assignment', {
      params: { path },
      headers,
      body: { officerId: 'uio.tecnica1' },
    }),
  );

  const detail = succeeded(
    'get',
    await api.GET('/cantons/{cantonId}/requests/{requestId}', { params: { path }, headers }),
  );

  const list = succeeded(
    'list',
    await api.GET('/cantons/{cantonId}/requests', {
      params: { path: { cantonId }, query: { status: 'assigned', limit: 10 } },
      headers,
    }),
  );

  return {
    requestId,
    recordedStatus: recorded.status,
    category: reclassified.classification?.category,
    assignedOfficer: assigned.assignedOfficer,
    history: (detail.history ?? []).map((event) => event.action),
    listed: list.items.map((item) => item.requestId),
  };
}

export async function walkReferral(options: WalkOptions) {
  const api = clientFor(options);
  const cantonId = 'quito';
  const officer = bearer(options.tokens.officer);
  const contact = bearer(options.tokens.contact);

  const request = succeeded(
    'record',
    await api.POST('/cantons/{cantonId}/requests', {
      params: { path: { cantonId } },
      headers: officer,
      body: {
        channel: 'walk-in',
        citizen: { identification: 'national-id', nationalId: '0926687856' },
        contact: { phone: '+593998877665' },
        description: 'El deslave destruyó su casa anoche',
        classification: { category: 'urgent', subcategory: 'home-destroyed' },
        urgency: 'critical',
        consent: { dataSharing: 'given' },
      },
    }),
  );

  const referral = succeeded(
    'refer',
    await api.POST('/cantons/{cantonId}/requests/{requestId}/referrals', {
      params: { path: { cantonId, requestId: request.requestId } },
      headers: officer,
      body: { serviceId: 'psj-albergue-emergencias' },
    }),
  );
  const referralPath = { cantonId, referralId: referral.referralId };

  const accepted = succeeded(
    'accept',
    await api.POST('/cantons/{cantonId}/referrals/{referralId}/transitions', {
      params: { path: referralPath },
      headers: contact,
      body: { action: 'accept' },
    }),
  );

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(new Date());
  const completed = succeeded(
    'complete',
    await api.POST('/cantons/{cantonId}/referrals/{referralId}/transitions', {
      params: { path: referralPath },
      headers: contact,
      body: {
        action: 'complete',
        counterReferral: {
          assisted: true,
          outcome: 'Familia alojada en el albergue',
          dateServed: today,
          reason: { code: 'other', text: 'Albergue temporal' },
          note: 'Cuatro personas',
          temporaryShelterProvided: true,
          householdMembersAffected: 4,
        },
      },
    }),
  );

  const closed = succeeded(
    'get',
    await api.GET('/cantons/{cantonId}/requests/{requestId}', {
      params: { path: { cantonId, requestId: request.requestId } },
      headers: officer,
    }),
  );

  return {
    referralId: referral.referralId,
    referralStatus: referral.status,
    statuses: [accepted.status, completed.status],
    requestStatus: closed.status,
  };
}

/** The README's complaint walk-through: record → activities → reply → follow-up → appeal. */
export async function walkComplaint(options: WalkOptions) {
  const api = clientFor(options);
  const cantonId = 'quito';
  const operator = bearer(options.tokens.operator);
  const officer = bearer(options.tokens.officer);

  const opened = succeeded(
    'open',
    await api.POST('/cantons/{cantonId}/complaints', {
      params: { path: { cantonId } },
      headers: operator,
      body: README_COMPLAINT,
    }),
  );
  const path = { cantonId, complaintId: opened.complaintId };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(new Date());

  const acknowledged = succeeded(
    'activity',
    await api.POST('/cantons/{cantonId}/complaints/{complaintId}/activities', {
      params: { path },
      headers: officer,
      body: { description: 'Pedir informe al CDI', assigneeId: 'uio.tecnica1', dueDate: today },
    }),
  );
  const done = succeeded(
    'progress',
    await api.PUT('/cantons/{cantonId}/complaints/{complaintId}/activities/{activityNumber}', {
      params: { path: { ...path, activityNumber: 1 } },
      headers: officer,
      body: { status: 'done', result: 'El CDI reconoce el error' },
    }),
  );
  const resolved = succeeded(
    'resolve',
    await api.POST('/cantons/{cantonId}/complaints/{complaintId}/resolution', {
      params: { path },
      headers: officer,
      body: { decision: 'upheld', reply: { text: 'El CDI recibirá a su hija desde el lunes.' } },
    }),
  );
  const followed = succeeded(
    'follow-up',
    await api.GET('/cantons/{cantonId}/complaint-references/{reference}', {
      params: { path: { cantonId, reference: opened.reference } },
      headers: operator,
    }),
  );
  const appealed = succeeded(
    'appeal',
    await api.POST('/cantons/{cantonId}/complaints/{complaintId}/appeal', {
      params: { path },
      headers: operator,
      body: { reason: 'El CDI sigue sin recibirla' },
    }),
  );

  return {
    clock: opened.clock.state,
    phase: acknowledged.clock.phase,
    activity: done.activities[0]?.status,
    delivery: resolved.resolutions[0]?.reply.delivery,
    followed: followed.status,
    level: appealed.level,
  };
}
