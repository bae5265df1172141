import type { Caller } from '#model/caller.js';
import { clock } from '#kernel/clock.js';
import { type Preconditions, requirePreconditions } from './conditional.js';
import { catalogueCanton } from '#app/tenancy.js';
import type { CatalogueChange, Service } from '#domain/catalogue.js';
import type { Language } from '#domain/taxonomy.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { findService, saveService } from '#adapters/dynamodb/catalogue-store.js';
import { serviceNotFound } from '#app/catalogue/not-found.js';
import { serviceTag, serviceView } from './views/catalogue.js';

/**
 * The shape every change to an existing service shares: read it in the caller's canton, let `check` refuse the
 * caller, let the domain decide the change, check the client's If-Match against the service read, save it guarded
 * by the version and the spots that were read (the same two things its ETag is made of), audit it, answer with the
 * new service.
 */
export async function changeService(
  input: {
    caller: Caller;
    language: Language;
    params: { cantonId: string; serviceId: string };
    preconditions: Preconditions;
  },
  action: string,
  decide: (service: Service, now: string) => CatalogueChange<Service>,
  check: (service: Service, cantonId: string) => Promise<void> = async () => undefined,
) {
  const { caller, params, language } = input;
  const canton = await catalogueCanton(caller, params.cantonId, 'write');
  const current = await findService(canton.id, params.serviceId);
  if (!current) throw serviceNotFound(params.serviceId);
  await check(current, canton.id);
  const now = clock.now().toISOString();
  let change: CatalogueChange<Service>;
  try {
    change = decide(current, now);
  } catch (error) {
    requirePreconditions(input.preconditions, serviceTag(current));
    throw error;
  }
  requirePreconditions(input.preconditions, serviceTag(current));
  const { record, event } = change;
  await saveService(
    record,
    event,
    auditOf(caller, canton.id, action, { type: 'service', id: record.id }, { at: now }),
    current.capacity.available,
  );
  return { headers: { etag: serviceTag(record) }, body: serviceView(record, language) };
}
