import { badRequest, invalidInput } from '#kernel/errors.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { OpenCartInput } from '#domain/plan-input.js';
import type { PlanSubject } from '#domain/plan.js';
import type { CitizenRequest } from '#domain/request.js';
import { findCitizen } from '../registry/find-citizen.js';
import { provisionalIdentityOf } from '../registry/provisional.js';

/**
 * Whose plan a cart is for. A plan is opened from a household's screening: the national ID of a member of a
 * Social Registry household. A household not in the registry gets a plan only through a provisional identity,
 * given explicitly (attention without ID); a national ID the registry does not know is refused, naming the field.
 */
export async function planSubjectOf(canton: CantonDefinition, input: OpenCartInput): Promise<PlanSubject> {
  if (input.nationalId && input.provisionalId) {
    throw invalidInput([
      { field: 'nationalId', problem: { es: 'dé uno de los dos', en: 'give one of the two' } },
      { field: 'provisionalId', problem: { es: 'dé uno de los dos', en: 'give one of the two' } },
    ]);
  }
  if (input.provisionalId) {
    const identity = await provisionalIdentityOf(canton.id, input.provisionalId).catch(() => undefined);
    if (!identity || identity.status !== 'active') {
      throw badRequest('provisionalId', {
        es: 'no es una identidad provisional activa del cantón',
        en: 'is not an active provisional identity of the canton',
      });
    }
    return { identification: 'provisional', provisionalId: identity.provisionalId };
  }
  if (!input.nationalId) {
    throw badRequest('nationalId', {
      es: 'indique la cédula del miembro tamizado, o una identidad provisional (provisionalId)',
      en: 'give the screened member’s national ID, or a provisional identity (provisionalId)',
    });
  }
  const found = await findCitizen(input.nationalId);
  if (!found.stored || !found.memberId) {
    throw badRequest('nationalId', {
      es: 'la persona no consta en el Registro Social: regístrela, o abra el plan con una identidad provisional (provisionalId)',
      en: 'the person is not in the Social Registry: register them, or open the plan with a provisional identity (provisionalId)',
    });
  }
  return {
    identification: 'national-id',
    nationalId: input.nationalId,
    householdId: found.stored.household.householdId,
    memberId: found.memberId,
  };
}

/** Whether a request was recorded for the plan's citizen (a referral item refers one of their own requests). */
export function requestIsOfSubject(request: CitizenRequest, subject: PlanSubject): boolean {
  const { citizen } = request;
  return subject.identification === 'national-id'
    ? citizen.identification === 'national-id' && citizen.nationalId === subject.nationalId
    : citizen.identification === 'provisional' && citizen.provisionalId === subject.provisionalId;
}
