import { ulid } from '#kernel/ids.js';
import { findUnit } from '#domain/units.js';
import { badRequest } from '#kernel/errors.js';
import type { Caller } from '#model/caller.js';
import type { CantonDefinition } from '#domain/canton.js';
import {
  COMPLAINT_CATEGORY,
  complaintFromRequest,
  type ComplaintDeadlines,
  type ConcernsInput,
  isComplaintType,
  type ComplaintChange,
} from '#domain/complaint.js';
import { complaintDeadlines } from '#domain/complaint-clock.js';
import type { Change } from '#domain/request.js';
import { referenceOf } from '#domain/request.js';
import { findOrganization, findService } from '#adapters/dynamodb/catalogue-store.js';
import { findReferral } from '#adapters/dynamodb/referrals-store.js';
import { complaintOpeningWrites, findComplaintIdOfRequest } from '#adapters/dynamodb/complaints-store.js';
import { complainantFileWrites } from './complainant-file.js';
import type { TransactItem } from '#adapters/dynamodb/versioned.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { cantonCalendar } from '../canton-calendar.js';
import { effectiveProtocol, protocolReference } from '../protocols/effective.js';
import { NATIONAL } from '../tenancy.js';

/**
 * The deadlines of a new case (or of an appeal, at the national level): from the protocol of its type in force in
 * the canton (or the national template), in working days of the canton's calendar; the defaults when none is.
 */
export async function deadlinesFor(
  canton: CantonDefinition,
  type: string,
  start: Date,
): Promise<ComplaintDeadlines> {
  const effective = await effectiveProtocol(canton, COMPLAINT_CATEGORY, type, start);
  return complaintDeadlines(
    start,
    cantonCalendar(canton, start),
    effective
      ? {
          reference: protocolReference(effective.protocol),
          definition: effective.protocol.definition,
        }
      : undefined,
  );
}

/** A new case's id and the reference read out to (or kept by) the citizen. */
export function newComplaintIds() {
  const complaintId = ulid();
  return { complaintId, reference: referenceOf(complaintId) };
}

/**
 * The provider a complaint is about, so that it is counted on that provider: named, or the organization of the
 * service, referral or unit named. A service, provider, referral or unit that does not exist is refused by its
 * field.
 */
export async function concernedOrganization(
  canton: CantonDefinition,
  concerns: ConcernsInput,
): Promise<string | undefined> {
  switch (concerns.kind) {
    case 'provider': {
      const own = await findOrganization(canton.id, concerns.organizationId);
      const found = own ?? (await findOrganization(NATIONAL, concerns.organizationId));
      if (!found) {
        throw badRequest('concerns.organizationId', {
          es: `no existe la organización "${concerns.organizationId}" en el catálogo`,
          en: `there is no organization "${concerns.organizationId}" in the catalogue`,
        });
      }
      return concerns.organizationId;
    }
    case 'service': {
      const service =
        (await findService(canton.id, concerns.serviceId)) ??
        (await findService(NATIONAL, concerns.serviceId));
      if (!service) {
        throw badRequest('concerns.serviceId', {
          es: `no existe el servicio "${concerns.serviceId}" en el catálogo`,
          en: `there is no service "${concerns.serviceId}" in the catalogue`,
        });
      }
      return service.organizationId;
    }
    case 'referral': {
      const referral = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(concerns.referralId)
        ? await findReferral(canton.id, concerns.referralId)
        : undefined;
      if (!referral) {
        throw badRequest('concerns.referralId', {
          es: `no existe la derivación "${concerns.referralId}" en este cantón`,
          en: `there is no referral "${concerns.referralId}" in this canton`,
        });
      }
      return referral.service.organizationId;
    }
    case 'unit': {
      // A unit of the canton; one that is a catalogue organization is counted on it like a provider.
      const unit = findUnit(canton, concerns.unitId);
      if (!unit) {
        throw badRequest('concerns.unitId', {
          es: `"${concerns.unitId}" no es una unidad del cantón`,
          en: `"${concerns.unitId}" is not a unit of the canton`,
        });
      }
      return unit.organizationId;
    }
    default:
      return undefined;
  }
}

/**
 * What classifying a request under the complaint category also writes: its case, opened with the request's citizen
 * and words, in the same transaction as the classification. Nothing when the classification is of another
 * category, or when the request already opened a case (a reclassification within the category keeps that one).
 */
export async function complaintOnClassification(
  change: Change,
  canton: CantonDefinition,
  caller: Caller,
  now: string,
): Promise<{ opened: ComplaintChange; writes: TransactItem[] } | undefined> {
  const classification = change.request.classification;
  if (classification?.category !== COMPLAINT_CATEGORY || !isComplaintType(classification.subcategory)) {
    return undefined;
  }
  if (await findComplaintIdOfRequest(canton.id, change.request.requestId)) return undefined;
  const ids = newComplaintIds();
  const opened = complaintFromRequest(change.request, classification.subcategory, {
    caller,
    ...ids,
    now,
    deadlines: await deadlinesFor(canton, classification.subcategory, new Date(now)),
  });
  const audit = auditOf(
    caller,
    canton.id,
    'complaint.open',
    { type: 'complaint', id: ids.complaintId },
    { at: now },
  );
  return {
    opened,
    writes: [
      ...complaintOpeningWrites(opened.complaint, opened.event, audit),
      ...(await complainantFileWrites(opened.complaint)),
    ],
  };
}
