import type { Localized } from '#kernel/messages.js';
import {
  REFERRAL_STATUSES,
  type Referral,
  type ReferralAction,
  type ReferralStatus,
} from './referral-record.js';
import type { Relation } from './referral-relations.js';

/**
 * The moves of a referral's lifecycle: who may make each, from which statuses, to which, with which reason. Its
 * own module, so that what shows the moves a user may make (a contact officer's page) does not load the rules that
 * make them (referral.ts: transitionReferral, and the counter-referral's checks against the protocol).
 */

export type TransitionName =
  'acknowledge' | 'accept' | 'reject' | 'start' | 'hold' | 'complete' | 'fail' | 'cancel' | 'enterInError';

export interface TransitionRule {
  readonly from: readonly ReferralStatus[];
  readonly to: ReferralStatus;
  readonly who: readonly Relation[];
  readonly reason: 'required' | 'optional';
  readonly action: ReferralAction;
  /** The verb in "cannot … this referral", in both languages. */
  readonly verb: Localized;
}

const PROVIDER: readonly Relation[] = ['contact-officer', 'coordinator'];
const OPEN: readonly ReferralStatus[] = ['accepted', 'in-progress', 'on-hold'];

/** DOMAIN.md's lifecycle, one row per action. A coordinator may do everything; only a coordinator enters in error. */
export const TRANSITIONS: Readonly<Record<TransitionName, TransitionRule>> = {
  // Acknowledging keeps the status (FHIR has no "acknowledged"): it stops the first clock, nothing more.
  acknowledge: {
    from: ['requested'],
    to: 'requested',
    who: PROVIDER,
    reason: 'optional',
    action: 'acknowledged',
    verb: { es: 'acusar recibo de', en: 'acknowledge' },
  },
  accept: {
    from: ['requested'],
    to: 'accepted',
    who: PROVIDER,
    reason: 'optional',
    action: 'accepted',
    verb: { es: 'aceptar', en: 'accept' },
  },
  reject: {
    from: ['requested'],
    to: 'rejected',
    who: PROVIDER,
    reason: 'required',
    action: 'rejected',
    verb: { es: 'rechazar', en: 'reject' },
  },
  start: {
    from: ['accepted', 'on-hold'],
    to: 'in-progress',
    who: PROVIDER,
    reason: 'optional',
    action: 'started',
    verb: { es: 'iniciar la atención de', en: 'start' },
  },
  hold: {
    from: ['accepted', 'in-progress'],
    to: 'on-hold',
    who: PROVIDER,
    reason: 'required',
    action: 'held',
    verb: { es: 'poner en espera', en: 'put on hold' },
  },
  complete: {
    from: OPEN,
    to: 'completed',
    who: PROVIDER,
    reason: 'optional',
    action: 'completed',
    verb: { es: 'completar', en: 'complete' },
  },
  fail: {
    from: OPEN,
    to: 'failed',
    who: PROVIDER,
    reason: 'required',
    action: 'failed',
    verb: { es: 'dar por fallida', en: 'mark as failed' },
  },
  cancel: {
    from: ['requested', ...OPEN],
    to: 'cancelled',
    who: ['referring-officer', 'coordinator'],
    reason: 'required',
    action: 'cancelled',
    verb: { es: 'cancelar', en: 'cancel' },
  },
  enterInError: {
    from: REFERRAL_STATUSES.filter((s) => s !== 'entered-in-error'),
    to: 'entered-in-error',
    who: ['coordinator'],
    reason: 'required',
    action: 'entered-in-error',
    verb: { es: 'marcar como registrada por error', en: 'mark as entered in error' },
  },
};

/** The actions a user standing so to the referral may take now, e.g. to show the right buttons. */
export function allowedTransitions(
  referral: Referral,
  relation: Relation | readonly Relation[],
): TransitionName[] {
  const relations: readonly Relation[] = typeof relation === 'string' ? [relation] : relation;
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) => {
    const rule = TRANSITIONS[name];
    if (!rule.who.some((r) => relations.includes(r))) return false;
    if (!rule.from.includes(referral.status)) return false;
    return !(name === 'acknowledge' && referral.acknowledgedAt !== undefined);
  });
}
