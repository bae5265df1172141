import { auditOf } from '#adapters/dynamodb/audit.js';
import { clock } from '#kernel/clock.js';
import { ulid } from '#kernel/ids.js';
import { badRequest } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { recordRequestRoute } from '#http/routes/requests/record-request.js';
import { callerCanton } from '#app/tenancy.js';
import { recordRequest } from '#domain/request.js';
import { type ProtocolsForWrite, protocolReference, withKeptProtocols } from '#app/protocols/effective.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { Caller } from '#model/caller.js';
import type { Language } from '#domain/taxonomy.js';
import { complaintOnClassification } from '#app/complaints/open.js';
import { saveRequest } from '#adapters/dynamodb/requests-store.js';
import { provisionalIdentityWrite, requestLinkWrite } from '#adapters/dynamodb/registry-store.js';
import { possibleDuplicates } from '#app/registry/provisional.js';
import { findCitizen } from '#app/registry/find-citizen.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';
import type { RecordRequestInput } from '#http/schemas/requests.js';
import { requestView } from '#http/views/requests.js';

export const handler = httpHandler<{ cantonId: string }, unknown, RecordRequestInput>(
  recordRequestRoute,
  async ({ caller, params, body, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const category = body.classification?.category;
    if (category && !canton.enabledCategories.includes(category as never)) {
      throw badRequest('classification.category', {
        es: `la categoría "${category}" no está habilitada en ${canton.name}`,
        en: `category "${category}" is not enabled in ${canton.name}`,
      });
    }
    // The protocol in force comes from the container's kept versions; the write checks they are still current
    // (and if not, the recording runs once more on the stored ones, with nothing written the first time).
    return withKeptProtocols((protocols) => record(protocols, canton, caller, body, language));
  },
);

async function record(
  protocols: ProtocolsForWrite,
  canton: CantonDefinition,
  caller: Caller,
  body: RecordRequestInput,
  language: Language,
) {
  const now = clock.now();
  const { effective, checks } = body.classification
    ? await protocols.effective(canton, body.classification.category, body.classification.subcategory, now)
    : { effective: undefined, checks: [] };
  const recorded = recordRequest(body, {
    caller,
    requestId: ulid(),
    now: now.toISOString(),
    provisionalId: () => `PRV-${ulid()}`,
    ...(effective ? { protocol: protocolReference(effective.protocol) } : {}),
  });
  // The citizen's registry record, read before the write (the duplicate suggestions use it too), so that the
  // request keeps their household as a hint for its referrals (CitizenRequest.registryHouseholdId).
  const { citizen } = recorded.request;
  const registered = citizen.identification === 'national-id' ? findCitizen(citizen.nationalId) : undefined;
  registered?.catch(() => undefined);
  // Recorded already classified as a complaint: its case opens in the same transaction (app/complaints/open.ts).
  const complaint = await complaintOnClassification(recorded, canton, caller, now.toISOString());
  const householdId = (await registered)?.stored?.household.householdId;
  const request = householdId ? { ...recorded.request, registryHouseholdId: householdId } : recorded.request;
  const event = complaint
    ? {
        ...recorded.event,
        details: { ...recorded.event.details, complaintId: complaint.opened.complaint.complaintId },
      }
    : recorded.event;
  await saveRequest(
    request,
    event,
    auditOf(
      caller,
      canton.id,
      'request.record',
      { type: 'request', id: request.requestId },
      { at: request.createdAt },
    ),
    [
      // From here a refusal is the write's own, not made again.
      ...protocols.toWrite(checks),
      ...(complaint?.writes ?? []),
      // The citizen's file in the canton links the request, by the national ID's digest (screening lists it).
      ...(request.citizen.identification === 'national-id'
        ? [
            requestLinkWrite(
              canton.id,
              await citizenDigest(request.citizen.nationalId),
              request.requestId,
              request.createdAt,
            ),
          ]
        : [
            // Attention without ID: the provisional identity, searchable later and merged into a national ID.
            provisionalIdentityWrite({
              provisionalId: request.citizen.provisionalId,
              cantonId: canton.id,
              name: request.citizen.name,
              ...(request.citizen.nationality ? { nationality: request.citizen.nationality } : {}),
              ...(request.citizen.birthYear ? { birthYear: request.citizen.birthYear } : {}),
              ...(request.citizen.birthDate ? { birthDate: request.citizen.birthDate } : {}),
              ...(request.contact.phone ? { phone: request.contact.phone } : {}),
              requestIds: [request.requestId],
              status: 'active',
              history: [],
              createdAt: request.createdAt,
              version: 1,
            }),
          ]),
    ],
  );
  const duplicates = await possibleDuplicates(request, registered);
  return {
    statusCode: 201,
    headers: { location: `/cantons/${canton.id}/requests/${request.requestId}` },
    body: {
      ...requestView(request, language, [event]),
      ...(duplicates.length > 0 ? { possibleDuplicates: duplicates } : {}),
    },
  };
}
