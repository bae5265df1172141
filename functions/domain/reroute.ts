import { AppError, conflict } from '#kernel/errors.js';
import type { Localized } from '#kernel/messages.js';
import type { Actor } from '#model/caller.js';
import { checkEligibility, type Service } from './catalogue.js';
import { type EligibilityRule, evaluateEligibility, type Explanation } from './eligibility.js';
import type { BreachAction } from './protocol.js';
import {
  type ChainLink,
  type Referral,
  type ReferralEvent,
  type ReroutedTo,
  type SpotEffect,
  TRANSITIONS,
  type Relation,
  transitionReferral,
  type WorkflowAnswer,
} from './referral.js';

/**
 * Stuck referrals and their re-routing (issue 14, item 5). Pure: the use case (app/referrals/reroute.ts) reads the
 * catalogue and writes the old referral, the new one, both spots and the request in one transaction.
 *
 * A referral is **stuck** when nobody at the provider will take the citizen: its acknowledgement ladder ran out
 * with no acknowledgement (every reminder and escalation fired, up to the national single window), or the provider
 * rejected it for `no-capacity` or `outside-service-area` — reasons another provider may not have. Other rejections
 * (not eligible, missing documents, a safety risk…) are about the citizen, not the provider: no re-route is offered.
 *
 * A stuck referral may be **re-routed** once, to another service of the same protocol that has spots: the old
 * referral is cancelled with `deadline-expired` (its spot released), or keeps its rejection; both records link to
 * each other (`reroutedTo`, `reroutedFrom`), and the new one carries the whole chain, so that an automatic re-route
 * (`onBreach: "re-route"`) never goes back to a provider the chain already tried.
 */

/** Rejection reasons that say the provider, not the citizen, was the problem. */
export const REROUTABLE_REJECTIONS = ['no-capacity', 'outside-service-area'] as const;
export type StuckReason = 'deadline-expired' | (typeof REROUTABLE_REJECTIONS)[number];

type StuckFields = Pick<
  Referral,
  'status' | 'acknowledgedAt' | 'schedule' | 'timersFired' | 'reason' | 'reroutedTo'
>;

/** Still requested and never acknowledged, with every acknowledgement timer fired (the ladder ends at national). */
export function ladderExhausted(referral: StuckFields): boolean {
  if (referral.status !== 'requested' || referral.acknowledgedAt !== undefined) return false;
  const timers = referral.schedule.acknowledgement;
  return (
    timers.length > 0 &&
    referral.timersFired.acknowledgement >= timers.length &&
    timers.at(-1)?.kind === 'escalation'
  );
}

/** Why the referral may be re-routed now; undefined when it is not stuck, or was re-routed already. */
export function whyStuck(referral: StuckFields): StuckReason | undefined {
  if (referral.reroutedTo) return undefined;
  if (ladderExhausted(referral)) return 'deadline-expired';
  const code = referral.reason?.code;
  if (referral.status === 'rejected' && (REROUTABLE_REJECTIONS as readonly string[]).includes(code ?? '')) {
    return code as StuckReason;
  }
  return undefined;
}

/** Why a referral that is or was stuck got so: for the notice that tells the referring officer. */
export function stuckReasonOf(referral: StuckFields): StuckReason | undefined {
  if (!referral.reroutedTo) return whyStuck(referral);
  return referral.status === 'rejected'
    ? whyStuck({ ...referral, reroutedTo: undefined })
    : 'deadline-expired';
}

/** What the referral's protocol version says to do when it is stuck. */
export const breachActionOf = (referral: Pick<Referral, 'protocol'>): BreachAction =>
  referral.protocol.definition.onBreach ?? 'notify';

/** The referral as a link of a chain. */
export const linkOf = (referral: Referral): ChainLink => ({
  referralId: referral.referralId,
  reference: referral.reference,
  serviceId: referral.service.serviceId,
  organizationId: referral.service.organizationId,
});

/** The chain a re-route of this referral continues: every earlier referral, then this one. */
export const chainOf = (referral: Referral): ChainLink[] => [
  ...(referral.reroutedFrom ?? []),
  linkOf(referral),
];

/** A service a stuck referral could go to next. */
export interface Alternative {
  readonly service: Service;
  /** The citizen meets the service's and the protocol's rules, on the facts the referral kept. */
  readonly eligible: boolean;
  readonly unmet: readonly Explanation[];
  /** A provider the chain already tried (with another of its services): an automatic re-route skips it. */
  readonly providerTried: boolean;
}

/**
 * The next services for a stuck referral, from the services its protocol refers to (the caller passes them as
 * app/protocols/referral-targets.ts selects them): active, with a spot free now (a waitlist does not unstick a
 * citizen), with someone to receive the referral, and not already tried by the chain. Eligible ones first, then
 * those of providers the chain has not tried, then the catalogue's order; each says what is unmet.
 */
export function alternativesFor(
  referral: Referral,
  candidates: readonly Service[],
  protocolRule: EligibilityRule | undefined,
): Alternative[] {
  const chain = chainOf(referral);
  const triedServices = new Set(chain.map((link) => link.serviceId));
  const triedProviders = new Set(chain.map((link) => link.organizationId));
  const open = candidates.filter(
    (s) =>
      s.status === 'active' &&
      s.capacity.available > 0 &&
      s.contactOfficerIds.length > 0 &&
      !triedServices.has(s.id),
  );
  const profile = referral.citizenProfile ?? {};
  const protocolUnmet = protocolRule ? evaluateEligibility(protocolRule, profile).unmet : [];
  const alternatives = checkEligibility(open, profile).map((verdict) => {
    const unmet = [...verdict.unmet, ...protocolUnmet];
    return {
      service: verdict.service,
      eligible: unmet.length === 0,
      unmet,
      providerTried: triedProviders.has(verdict.service.organizationId),
    };
  });
  const rank = (a: Alternative) => (a.eligible ? 0 : 2) + (a.providerTried ? 1 : 0);
  return alternatives
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
    .map(({ a }) => a);
}

/** The service an automatic re-route takes: the first eligible one of a provider the chain has not tried. */
export const automaticChoice = (alternatives: readonly Alternative[]): Alternative | undefined =>
  alternatives.find((a) => a.eligible && !a.providerTried);

const notStuck = (referral: Referral): AppError => {
  if (referral.reroutedTo) {
    return new AppError(409, 'conflict', {
      es: `La derivación ${referral.reference} ya fue re-derivada a ${referral.reroutedTo.reference}`,
      en: `Referral ${referral.reference} was already re-routed to ${referral.reroutedTo.reference}`,
    });
  }
  const why: Localized = {
    es: 'solo se re-deriva una derivación cuya escalera de acuse de recibo se agotó sin respuesta, o rechazada por falta de cupos (no-capacity) o por estar fuera del área (outside-service-area)',
    en: 'only a referral whose acknowledgement ladder ran out unanswered, or that was rejected for no-capacity or outside-service-area, is re-routed',
  };
  return conflict({
    es: `No se puede re-derivar la derivación ${referral.reference} (estado actual: ${referral.status}): ${why.es}`,
    en: `Cannot re-route referral ${referral.reference} (current status: ${referral.status}): ${why.en}`,
  });
};

/**
 * Whether whoever stands so to the referral may re-route it now (403: not the referring officer nor a coordinator;
 * 409: not stuck, or re-routed already), and why it is stuck. Checked before anything is read, and again by
 * rerouteOld on the state it writes.
 */
export function checkReroutable(referral: Referral, relation: Relation | readonly Relation[]): StuckReason {
  const relations: readonly Relation[] = typeof relation === 'string' ? [relation] : relation;
  if (!TRANSITIONS.cancel.who.some((r) => relations.includes(r))) {
    throw new AppError(403, 'forbidden', {
      es: 'Solo el funcionario que hizo la derivación o la coordinación puede re-derivarla',
      en: 'Only the referring officer or a coordinator can re-route this referral',
    });
  }
  const why = whyStuck(referral);
  if (!why) throw notStuck(referral);
  return why;
}

export interface RerouteOldResult {
  readonly referral: Referral;
  readonly event: ReferralEvent;
  /** What the store does to the old service's spots in the same transaction. */
  readonly spot: SpotEffect;
  /** The answer the old referral's workflow waits for; undefined when it has ended already (a rejection). */
  readonly workflow: WorkflowAnswer | undefined;
}

/**
 * What re-routing does to the stuck referral: one whose ladder ran out is cancelled with `deadline-expired` (the
 * cancellation's own rule: its spot is released, its workflow answered); a rejected one keeps its rejection. Either
 * way it now names the referral it was re-routed to. Who may: as for a cancellation, the referring officer or a
 * coordinator; an automatic re-route acts for the coordination (`relation: 'coordinator'`, the workflow's actor).
 */
export function rerouteOld(
  referral: Referral,
  to: Pick<ReroutedTo, 'referralId' | 'reference' | 'serviceId' | 'serviceName'>,
  ctx: {
    readonly actor: Actor;
    readonly relation: Relation | readonly Relation[];
    readonly now: string;
    readonly automatic: boolean;
  },
): RerouteOldResult {
  const why = checkReroutable(referral, ctx.relation);
  const relations: readonly Relation[] = typeof ctx.relation === 'string' ? [ctx.relation] : ctx.relation;
  const reroutedTo: ReroutedTo = {
    ...to,
    at: ctx.now,
    by: ctx.actor.userId,
    automatic: ctx.automatic,
  };
  const linkDetails = { reroutedTo: to.referralId, ...(ctx.automatic ? { automatic: true } : {}) };
  if (why === 'deadline-expired') {
    const cancelled = transitionReferral(
      referral,
      'cancel',
      { reason: { code: 'deadline-expired' } },
      { actor: ctx.actor, relation: relations, now: ctx.now },
    );
    return {
      referral: { ...cancelled.referral, reroutedTo },
      event: { ...cancelled.event, details: { ...cancelled.event.details, ...linkDetails } },
      spot: cancelled.spot,
      workflow: cancelled.workflow,
    };
  }
  const version = referral.version + 1;
  return {
    referral: { ...referral, reroutedTo, updatedAt: ctx.now, version },
    event: {
      version,
      at: ctx.now,
      by: { userId: ctx.actor.userId, roles: ctx.actor.roles },
      action: 're-routed',
      details: { ...linkDetails, reason: why },
    },
    spot: undefined,
    workflow: undefined,
  };
}
