import { type CitizenRequest, classificationLabel, type RequestEvent } from '#domain/request.js';
import type { Language } from '#domain/taxonomy.js';
import type { EscalationLink } from '#adapters/dynamodb/requests-store.js';

/** The API shape of a request: the stored record plus the classification's label in the caller's language. */
export function requestView(request: CitizenRequest, language: Language, history?: readonly RequestEvent[]) {
  const { classification, registryHouseholdId: _hint, ...rest } = request;
  return {
    ...rest,
    ...(classification
      ? { classification: { ...classification, label: classificationLabel(classification, language) } }
      : {}),
    ...(history ? { history: history.map(({ version: _version, ...event }) => event) } : {}),
  };
}

/** "Rosa María" "Guamán" → "R. G.": the first letter of each name, enough to tell two callers apart in a list. */
export function initialsOf(name: { given: string; family: string } | undefined): string | undefined {
  if (!name) return undefined;
  const initial = (part: string) => Array.from(part.trim())[0]?.toLocaleUpperCase('es');
  const letters = [initial(name.given), initial(name.family)].filter(Boolean);
  return letters.length > 0 ? letters.map((l) => `${l}.`).join(' ') : undefined;
}

/**
 * The list shape of a request (RequestSummary): built field by field, so that nothing added to the stored request
 * later reaches a list unless it is chosen here.
 */
export function requestSummary(request: CitizenRequest, language: Language) {
  const initials = initialsOf(request.citizen.name);
  return {
    requestId: request.requestId,
    cantonId: request.cantonId,
    reference: request.reference,
    status: request.status,
    channel: request.channel,
    ...(request.classification
      ? {
          classification: {
            category: request.classification.category,
            subcategory: request.classification.subcategory,
            label: classificationLabel(request.classification, language),
          },
        }
      : {}),
    urgency: request.urgency,
    ...(request.assignedOfficer ? { assignedOfficer: request.assignedOfficer } : {}),
    ...(initials ? { citizenInitials: initials } : {}),
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    version: request.version,
  };
}

/** An entry of the national inbox (EscalationSummary): the link's codes and ids, without the officer's reason. */
export function escalationSummary(e: EscalationLink, language: Language) {
  return {
    originCantonId: e.originCantonId,
    requestId: e.requestId,
    reference: e.reference,
    ...(e.classification
      ? {
          classification: {
            category: e.classification.category,
            subcategory: e.classification.subcategory,
            label: classificationLabel(e.classification, language),
          },
        }
      : {}),
    urgency: e.urgency,
    at: e.at,
    by: e.by,
  };
}
