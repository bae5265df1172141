import { ulid } from '#kernel/ids.js';
import { clock } from '#kernel/clock.js';
import { AppError, badRequest, conflict, notFound } from '#kernel/errors.js';
import { cantonCalendar } from '../canton-calendar.js';
import { NATIONAL } from '../tenancy.js';
import { workflowStartWrite } from '#adapters/dynamodb/workflow-starts.js';
import { referralWorkflowStart } from '#adapters/stepfunctions/workflow-start.js';
import { type EligibilityRule, evaluateEligibility, type Explanation } from '#domain/eligibility.js';
import { isExpired } from '#domain/protocol-validity.js';
import { predatesNationalServiceIds, reachedByEscalation, referralTargets } from '#domain/protocol-reach.js';
import { type ChainLink, createReferral, type Referral, snapshotContactOfficers } from '#domain/referral.js';
import type { Organization, Service } from '#domain/catalogue.js';
import { markReferred } from '#domain/request.js';
import {
  findService,
  listServices,
  organizationRead,
  serviceRead,
  serviceStillActive,
  spotChange,
} from '#adapters/dynamodb/catalogue-store.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import {
  activeReferralClaim,
  activeReferralRead,
  findActiveReferral,
  saveReferral,
} from '#adapters/dynamodb/referrals-store.js';
import { requestChangeWrites, requestRead } from '#adapters/dynamodb/requests-store.js';
import {
  type AccompanyingWrite,
  CACHED_READ,
  type NamedWrite,
  StaleCachedRead,
} from '#adapters/dynamodb/versioned.js';
import type { Actor, Caller } from '#model/caller.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { PublishedProtocol } from '#domain/protocol.js';
import type { CitizenRequest } from '#domain/request.js';
import { registryProfileOf } from '../registry/screen.js';
import type { CitizenProfile } from '#domain/citizen-attributes.js';

/** One active referral per request and service: a second one would reserve a second spot for the same need. */
export function duplicateReferral(active: { referralId: string; reference: string }) {
  return new AppError(
    409,
    'duplicate_referral',
    {
      es: `La solicitud ya tiene una derivación activa a este servicio: ${active.reference} (${active.referralId}); debe terminar (o cancelarse) antes de derivarla otra vez`,
      en: `The request already has an active referral to this service: ${active.reference} (${active.referralId}); it must end (or be cancelled) before the request is referred again`,
    },
    [
      {
        field: 'serviceId',
        problem: {
          es: `ya derivada en ${active.referralId}`,
          en: `already referred in ${active.referralId}`,
        },
      },
    ],
  );
}

/** A canton names a national service: it exists (the national catalogue is public), but is reached by escalation. */
function escalationRequired(cantonId: string, requestId: string, serviceId: string) {
  const problem = reachedByEscalation(serviceId, cantonId, requestId);
  return new AppError(
    409,
    'escalation_required',
    {
      es: `No se puede derivar desde el cantón: ${problem.es}, que hará la derivación`,
      en: `The canton cannot refer to it: ${problem.en}, which makes the referral`,
    },
    [{ field: 'serviceId', problem }],
  );
}

/** What the referring officer chose: the API's CreateReferral body, as its schema has parsed it. */
export interface ReferralChoice {
  readonly serviceId: string;
  readonly citizenProfile: CitizenProfile;
  readonly eligibilityOverride?: { readonly reason: string } | undefined;
  readonly waitlistIfFull: boolean;
}

/** A referral that passed every check, with what it is made of. */
export interface ReferralPlan {
  readonly canton: CantonDefinition;
  readonly request: CitizenRequest;
  readonly service: Service;
  readonly organization: Organization | undefined;
  readonly version: PublishedProtocol;
  readonly body: ReferralChoice;
  /** The eligibility criteria the citizen does not meet (referred anyway with an override). */
  readonly unmet: readonly Explanation[];
  readonly now: Date;
}

/**
 * Every check a referral to a service of the referring canton's catalogue must pass (the national single window
 * refers escalated requests to national services), under the given protocol version: the service exists, the
 * request has no active referral to it, consent, the protocol in force, the service active, serving the
 * subcategory and among the protocol's, and the citizen eligible or an override given. Shared by a referral and a
 * re-route (app/referrals/reroute.ts), which must meet the same rules.
 */
export async function planReferral(input: {
  canton: CantonDefinition;
  request: CitizenRequest;
  /** The version that governs the referral; a read still under way joins the batch of the checks' reads. */
  protocol: PublishedProtocol | undefined | Promise<PublishedProtocol | undefined>;
  body: ReferralChoice;
  /** The operation's reads, when it started some of these already (prefetchReferral). */
  reads?: BatchReads;
}): Promise<ReferralPlan> {
  const { canton, request, body } = input;
  const reads = input.reads ?? new BatchReads();
  const subject = {
    cantonId: canton.id,
    requestCantonId: request.cantonId,
    requestId: request.requestId,
    serviceId: body.serviceId,
  };
  // Known from the path and the body: one batch (with the request, when the handler started it: prefetchReferral).
  reads.prefetch(activeReferralRead(subject));
  const service = await reads.get(serviceRead(canton.id, body.serviceId));
  if (service) {
    // Named by the request and the service: the provider's contact officers and the citizen's registry record,
    // one batch again.
    reads.prefetch(organizationRead(canton.id, service.organizationId));
  }
  const profileRead =
    service && request.citizen.identification === 'national-id'
      ? registryProfileOf(request.citizen.nationalId, reads, request.registryHouseholdId)
      : Promise.resolve({});
  profileRead.catch(() => undefined);
  if (!service) {
    // The national catalogue is public to every canton, so saying a national service exists reveals nothing.
    if (canton.id !== NATIONAL && (await findService(NATIONAL, body.serviceId))) {
      throw escalationRequired(canton.id, request.requestId, body.serviceId);
    }
    throw notFound({
      es: `No existe el servicio "${body.serviceId}"`,
      en: `There is no service "${body.serviceId}"`,
    });
  }
  const active = await reads.get(activeReferralRead(subject));
  if (active) throw duplicateReferral(active);
  if (request.consent.dataSharing !== 'given') {
    throw conflict({
      es: 'El ciudadano no dio su consentimiento para compartir sus datos con proveedores: no se puede derivar',
      en: 'The citizen did not consent to sharing their data with providers: no referral can be made',
    });
  }
  const protocol = await input.protocol;
  if (!request.classification || !protocol) {
    throw conflict({
      es: 'La solicitud no tiene un protocolo vigente para su subcategoría: clasifíquela bajo un protocolo vigente',
      en: 'The request has no protocol in force for its subcategory: classify it under a protocol in force',
    });
  }
  const { category, subcategory } = request.classification;
  const now = clock.now();
  const version = protocol;
  if (!version || isExpired(version, now, canton.timeZone)) {
    throw conflict({
      es: `El protocolo de ${category}/${subcategory} venció o no está vigente: no admite nuevas derivaciones`,
      en: `The protocol for ${category}/${subcategory} has expired or is not in force: it takes no new referrals`,
    });
  }
  if (service.status !== 'active') {
    throw conflict({
      es: `El servicio no está activo (estado actual: ${service.status})`,
      en: `The service is not active (current status: ${service.status})`,
    });
  }
  if (!service.serves.some((s) => s.category === category && s.subcategory === subcategory)) {
    throw badRequest('serviceId', {
      es: `el servicio no atiende ${category}/${subcategory}`,
      en: `the service does not serve ${category}/${subcategory}`,
    });
  }
  const nationalIds = predatesNationalServiceIds(version)
    ? new Set((await listServices(NATIONAL)).map((s) => s.id))
    : new Set<string>();
  const listed = referralTargets(version, canton.id, (id) => nationalIds.has(id)).serviceIds;
  if (listed.length > 0 && !listed.includes(service.id)) {
    throw badRequest('serviceId', {
      es: 'el protocolo no incluye este servicio entre sus servicios elegibles',
      en: "the service is not among the protocol's eligible services",
    });
  }
  const rules = [service.eligibility, version.definition.eligibility].filter(Boolean) as EligibilityRule[];
  // The social registry's data about the citizen, where it has them, over what was typed.
  const profile: CitizenProfile = { ...body.citizenProfile, ...(await profileRead) };
  const unmet = rules.flatMap((rule) => evaluateEligibility(rule, profile).unmet);
  if (unmet.length > 0 && !body.eligibilityOverride) {
    throw badRequest('citizenProfile', {
      es: `no cumple los criterios: ${unmet.map((u) => u.text.es).join('; ')}. Indique eligibilityOverride con un motivo para derivar igualmente`,
      en: `does not meet the criteria: ${unmet.map((u) => u.text.en).join('; ')}. Give eligibilityOverride with a reason to refer anyway`,
    });
  }
  const organization = await reads.get(organizationRead(canton.id, service.organizationId));
  return { canton, request, service, organization, version, body, unmet, now };
}

/**
 * Starts the reads a referral's checks begin with, which its path and body name: the request, the service and
 * the request's active referral to it, so that they go in one batch with whatever the handler reads with them.
 * Await the request from `reads` afterwards (requestRead).
 */
export function prefetchReferral(
  reads: BatchReads,
  to: { cantonId: string; requestCantonId: string; requestId: string; serviceId: string },
): void {
  reads.prefetch(
    requestRead(to.requestCantonId, to.requestId),
    serviceRead(to.cantonId, to.serviceId),
    activeReferralRead(to),
  );
}

/** The new referral of a plan, holding a spot or a waitlist place. */
export function draftReferral(
  plan: ReferralPlan,
  spot: 'reserved' | 'waitlisted',
  ctx: {
    actor: Actor;
    referralId: string;
    at: string;
    /** A re-route: the chain it continues, and the officer who follows the case up. */
    reroute?: { readonly chain: readonly ChainLink[]; readonly referringOfficer: string };
    /** What follows its moves (Referral.follows); `{}` when omitted. */
    follows?: Referral['follows'] | 'unknown';
  },
) {
  const { canton, request, service, organization, version, body, unmet } = plan;
  return createReferral(
    {
      cantonId: canton.id,
      requestId: request.requestId,
      requestCantonId: request.cantonId,
      service: {
        cantonId: canton.id,
        serviceId: service.id,
        organizationId: service.organizationId,
        name: service.name,
      },
      contactOfficers: organization ? snapshotContactOfficers(service, organization) : [],
      spot,
      ...(unmet.length > 0 && body.eligibilityOverride
        ? { eligibilityOverride: body.eligibilityOverride }
        : {}),
      ...(Object.keys(body.citizenProfile).length > 0 ? { citizenProfile: body.citizenProfile } : {}),
      ...(ctx.reroute
        ? { reroutedFrom: ctx.reroute.chain, referringOfficer: ctx.reroute.referringOfficer }
        : {}),
      protocol: { cantonId: version.cantonId, version: version.version, definition: version.definition },
      calendar: cantonCalendar(canton, plan.now),
      ...(ctx.follows ? { follows: ctx.follows } : {}),
    },
    { actor: ctx.actor, referralId: ctx.referralId, now: ctx.at },
  );
}

/** What a new referral does to its service in the same transaction: take a spot, or check it is still active. */
export function spotWriteFor(plan: ReferralPlan, spot: 'reserved' | 'waitlisted'): NamedWrite {
  const { canton, service } = plan;
  return spot === 'reserved'
    ? spotChange(canton.id, service.id, 'reserve')
    : serviceStillActive(canton.id, service.id);
}

/**
 * Refers a request to a service of the referring canton's catalogue (the national single window refers escalated
 * requests to national services), under the given protocol version.
 */
export async function referRequest(input: {
  canton: CantonDefinition;
  request: CitizenRequest;
  protocol: PublishedProtocol | undefined | Promise<PublishedProtocol | undefined>;
  body: ReferralChoice;
  caller: Caller;
  /** Writes of another capability that go in the referral's own transaction (a plan item that made it). */
  alsoWrite?: (referral: Referral) => readonly AccompanyingWrite[];
  /** The intervention plan item the referral carries out: kept on it, so that its moves find the plan at once. */
  planItem?: { readonly planId: string; readonly item: number };
  /** The operation's reads, when it started some already (prefetchReferral). */
  reads?: BatchReads;
}) {
  const { canton, request, body, caller } = input;
  const plan = await planReferral(input);
  const { service } = plan;
  const subject = {
    cantonId: canton.id,
    requestCantonId: request.cantonId,
    requestId: request.requestId,
    serviceId: service.id,
  };
  const at = plan.now.toISOString();
  const referralId = ulid();
  const actor = { userId: caller.userId, roles: caller.roles };
  const requestChange = markReferred(request, referralId, caller, at);

  const attempt = async (spot: 'reserved' | 'waitlisted') => {
    const follows = input.planItem ? { planItem: { ...input.planItem, referralId } } : {};
    const { referral, event } = draftReferral(plan, spot, { actor, referralId, at, follows });
    const spotWrite = spotWriteFor(plan, spot);
    const requestWrites = requestChangeWrites(requestChange.request, requestChange.event);
    const result = await saveReferral(
      referral,
      event,
      auditOf(caller, canton.id, 'referral.create', { type: 'referral', id: referralId }, { at }),
      [
        spotWrite,
        ...requestWrites,
        activeReferralClaim(referral),
        // Its workflow (reminders, escalation) starts if and only if the referral is stored.
        workflowStartWrite(canton.id, referralWorkflowStart(canton.id, referralId), at),
        ...(input.alsoWrite?.(referral) ?? []),
      ],
    );
    // The protocol in force came from a kept copy that a publication made stale: nothing was written.
    if (!result.ok && result.failed.has(CACHED_READ)) throw new StaleCachedRead();
    // A failed claim: another referral of the request to the service became active meanwhile.
    if (!result.ok && result.failed.has('claim')) {
      const other = await findActiveReferral(subject);
      if (other) throw duplicateReferral(other);
    }
    return { referral, result };
  };

  const noRoom = () =>
    conflict({
      es: 'El servicio no tiene cupos disponibles ni lista de espera',
      en: 'The service has no spots available and no waitlist',
    });
  const mayWait = service.capacity.waitlist && body.waitlistIfFull;
  if (service.capacity.available <= 0 && !mayWait) throw noRoom();
  let outcome = await attempt(service.capacity.available > 0 ? 'reserved' : 'waitlisted');
  if (!outcome.result.ok && outcome.result.failed.has('spot') && outcome.referral.spot === 'reserved') {
    // The last spot went to someone else meanwhile: the waitlist, if the service keeps one.
    if (!mayWait) throw noRoom();
    outcome = await attempt('waitlisted');
  }
  if (!outcome.result.ok) {
    if (outcome.result.failed.has('spot')) throw noRoom();
    throw conflict({
      es: 'La solicitud o el servicio cambiaron mientras se hacía la derivación; vuelva a intentarlo',
      en: 'The request or the service changed while the referral was being made; try again',
    });
  }
  return { referral: outcome.referral, location: `/cantons/${canton.id}/referrals/${referralId}` };
}
