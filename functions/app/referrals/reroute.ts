import { ulid } from '#kernel/ids.js';
import { AppError, badRequest, conflict } from '#kernel/errors.js';
import { logger } from '#kernel/logger.js';
import type { Actor, Caller } from '#model/caller.js';
import { alternativesOf } from './alternatives.js';
import { duplicateReferral, draftReferral, planReferral } from './refer.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { spotChange } from '#adapters/dynamodb/catalogue-store.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import { versionsOf } from '#adapters/dynamodb/protocols-store.js';
import {
  activeReferralClaim,
  activeReferralRelease,
  findActiveReferral,
  findReferral,
  findTaskToken,
  referralPuts,
  saveReferral,
} from '#adapters/dynamodb/referrals-store.js';
import { findRequest, requestChangeWrites } from '#adapters/dynamodb/requests-store.js';
import { workflowStartWrite } from '#adapters/dynamodb/workflow-starts.js';
import { referralWorkflowStart } from '#adapters/stepfunctions/workflow-start.js';
import { answerWorkflow } from '#adapters/stepfunctions/task-tokens.js';
import type { CantonDefinition } from '#domain/canton.js';
import { isTerminal, type Referral, type Relation, WORKFLOW_ACTOR } from '#domain/referral.js';
import { markReferred } from '#domain/request.js';
import {
  automaticChoice,
  breachActionOf,
  chainOf,
  checkReroutable,
  rerouteOld,
  whyStuck,
} from '#domain/reroute.js';

/**
 * Re-routing a stuck referral (domain/reroute.ts): the services it could go to next, and the one action that
 * re-refers — the old referral cancelled (or its rejection kept) and its spot released, the new one created with a
 * spot, both linked, the request's history saying which replaced which, all in one transaction — then the old
 * workflow answered and the new one started. The same use case serves the referring officer's POST and the
 * workflow's automatic re-route (`onBreach: "re-route"`).
 */

/** Where the referral's citizen request lives (a national referral serves a canton's escalated request). */
const requestOf = (referral: Referral) =>
  findRequest(referral.requestCantonId ?? referral.cantonId, referral.requestId);

/** The published version the referral snapshotted: "the same protocol" of a re-route. */
async function protocolOf(referral: Referral) {
  const { category, subcategory } = referral.protocol.definition.subcategory;
  const versions = await versionsOf(referral.protocol.cantonId, category, subcategory);
  return versions.find((v) => v.version === referral.protocol.version);
}

const noSpotLeft = (serviceId: string) =>
  new AppError(
    409,
    'conflict',
    {
      es: `El servicio "${serviceId}" no tiene cupos libres ahora: elija otro de los servicios alternativos`,
      en: `Service "${serviceId}" has no free spot now: choose another of the alternative services`,
    },
    [{ field: 'serviceId', problem: { es: 'sin cupos libres', en: 'no free spot' } }],
  );

export interface RerouteInput {
  readonly canton: CantonDefinition;
  readonly referral: Referral;
  readonly serviceId: string;
  readonly eligibilityOverride?: { readonly reason: string } | undefined;
  /** Who acts: the referring officer or a coordinator, or the workflow for an automatic re-route. */
  readonly caller: Caller;
  readonly relation: Relation | readonly Relation[];
  readonly automatic: boolean;
}

/** Re-refers a stuck referral to `serviceId`. Throws 403/409/400 as refer and cancel would, changing nothing. */
export async function rerouteReferral(input: RerouteInput) {
  const { canton, referral, caller } = input;
  const actor: Actor = { userId: caller.userId, roles: caller.roles };
  // Who may, and whether it is stuck, before anything is read (rerouteOld checks both again below).
  checkReroutable(referral, input.relation);
  if (chainOf(referral).some((link) => link.serviceId === input.serviceId)) {
    throw badRequest('serviceId', {
      es: 'esta derivación (o una anterior de la cadena) ya fue a este servicio: elija otro',
      en: 'this referral (or an earlier one of its chain) already went to this service: choose another',
    });
  }
  const request = await requestOf(referral);
  if (!request) {
    throw conflict({
      es: 'La solicitud de la derivación ya no existe',
      en: "The referral's request is gone",
    });
  }
  const plan = await planReferral({
    canton,
    request,
    protocol: await protocolOf(referral),
    body: {
      serviceId: input.serviceId,
      citizenProfile: referral.citizenProfile ?? {},
      eligibilityOverride: input.eligibilityOverride,
      waitlistIfFull: false,
    },
  });
  // A waitlist place would leave the citizen as stuck as before: a re-route takes a spot or does not happen.
  if (plan.service.capacity.available <= 0) throw noSpotLeft(plan.service.id);

  const at = plan.now.toISOString();
  const referralId = ulid();
  const next = draftReferral(plan, 'reserved', {
    actor,
    referralId,
    at,
    reroute: {
      chain: chainOf(referral),
      referringOfficer: referral.referringOfficer,
    },
    // The plan item the stuck referral carried out now follows this one (unknown for one made before it was kept).
    follows: referral.follows ?? 'unknown',
  });
  const old = rerouteOld(
    referral,
    {
      referralId,
      reference: next.referral.reference,
      serviceId: plan.service.id,
      serviceName: plan.service.name,
    },
    { actor, relation: input.relation, now: at, automatic: input.automatic },
  );
  const requestChange = markReferred(request, referralId, caller, at, { reroutedFrom: referral.referralId });
  // The two spot writes are told apart by name: the new service full, or the old one already at its total.
  const releaseOld =
    old.spot === 'release'
      ? [
          {
            name: 'old-spot',
            write: spotChange(referral.service.cantonId, referral.service.serviceId, 'release').write,
          },
        ]
      : [];
  const writes = [
    ...referralPuts(next.referral, next.event).map((write) => ({ name: 'new-referral', write })),
    { name: 'new-spot', write: spotChange(canton.id, plan.service.id, 'reserve').write },
    activeReferralClaim(next.referral),
    ...requestChangeWrites(requestChange.request, requestChange.event),
    // A referral that had ended (rejected) released its claim then.
    ...(isTerminal(referral.status) ? [] : [activeReferralRelease(referral)]),
    // The new referral's workflow starts if and only if the re-route is stored.
    workflowStartWrite(canton.id, referralWorkflowStart(canton.id, referralId), at),
    // Last: a retry without it follows below.
    ...releaseOld,
  ];
  const audit = auditOf(
    caller,
    canton.id,
    'referral.reroute',
    { type: 'referral', id: referral.referralId },
    { at, details: { to: referralId, ...(input.automatic ? { automatic: true } : {}) } },
  );
  let saved = await saveReferral(old.referral, old.event, audit, writes);
  if (!saved.ok && saved.failed.size === 1 && saved.failed.has('old-spot')) {
    // The old service is already at its total (a coordinator reset it): there is no spot to give back.
    saved = await saveReferral(old.referral, old.event, audit, writes.slice(0, -1));
  }
  if (!saved.ok) {
    if (saved.failed.has('new-spot')) throw noSpotLeft(plan.service.id);
    if (saved.failed.has('claim')) {
      const other = await findActiveReferral({
        cantonId: canton.id,
        requestCantonId: request.cantonId,
        requestId: request.requestId,
        serviceId: plan.service.id,
      });
      if (other) throw duplicateReferral(other);
    }
    throw conflict({
      es: 'La derivación, la solicitud o uno de los servicios cambiaron mientras se re-derivaba; vuelva a intentarlo',
      en: 'The referral, the request or one of the services changed during the re-route; try again',
    });
  }
  if (old.workflow) {
    const token = await findTaskToken(referral.cantonId, referral.referralId);
    // Without a token for this phase the old workflow is between waits; its next wait sees the cancellation.
    if (token?.phase === old.workflow.phase) {
      await answerWorkflow(token.taskToken, { outcome: old.workflow.outcome });
    }
  }
  return {
    previous: old.referral,
    referral: next.referral,
    location: `/cantons/${canton.id}/referrals/${referralId}`,
  };
}

/**
 * `onBreach: "re-route"`: re-refers a stuck referral to the first eligible service of a provider the chain has not
 * tried, acting for the coordination. Returns the referral as it now stands when it was re-routed, undefined when
 * the protocol does not re-route, the referral is not stuck (any more), or no service will take it: the referring
 * officer is then told and offered what there is.
 */
export async function rerouteAutomatically(referral: Referral): Promise<Referral | undefined> {
  if (breachActionOf(referral) !== 're-route' || !whyStuck(referral)) return undefined;
  const canton = await findCanton(referral.cantonId);
  if (!canton) throw new Error(`Canton ${referral.cantonId} is not registered`);
  const caller: Caller = { userId: WORKFLOW_ACTOR.userId, cantonId: canton.id, roles: [] };
  let current = referral;
  const tried = new Set<string>();
  const untried = async () =>
    automaticChoice((await alternativesOf(canton, current)).filter((a) => !tried.has(a.service.id)));
  for (let choice = await untried(); choice; choice = await untried()) {
    tried.add(choice.service.id);
    try {
      const done = await rerouteReferral({
        canton,
        referral: current,
        serviceId: choice.service.id,
        caller,
        relation: 'coordinator',
        automatic: true,
      });
      return done.previous;
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
      // Taken meanwhile (its last spot, the referral answered): look again on fresh data.
      logger.info('automatic re-route did not take; trying the next service', {
        referralId: referral.referralId,
        serviceId: choice.service.id,
        code: error.code,
      });
      const fresh = await findReferral(referral.cantonId, referral.referralId);
      if (!fresh || !whyStuck(fresh)) return fresh?.reroutedTo ? fresh : undefined;
      current = fresh;
    }
  }
  return undefined;
}
