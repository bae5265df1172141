import { auditOf } from '#adapters/dynamodb/audit.js';
import { clock } from '#kernel/clock.js';
import type { Caller } from '#model/caller.js';
import { entityTag, type Preconditions, requirePreconditions } from './conditional.js';
import { callerCanton } from '#app/tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { Change, CitizenRequest } from '#domain/request.js';
import type { Language } from '#domain/taxonomy.js';
import { findRequest, saveRequest } from '#adapters/dynamodb/requests-store.js';
import type { AccompanyingWrite } from '#adapters/dynamodb/versioned.js';
import { requestNotFound } from '#app/requests/not-found.js';
import { requestView } from './views/requests.js';

/**
 * The shape every change to a request shares: read it in the caller's canton, let the domain decide the change,
 * check the client's If-Match against the version read, save it guarded by that same version (so of two writers
 * that read one version only one succeeds), audit it in the same transaction, answer with the new request. A
 * change that finds the request already as asked (a repeated PUT) writes nothing and answers the request as it is.
 */
export async function changeRequest(
  input: {
    caller: Caller;
    language: Language;
    params: { cantonId: string; requestId: string };
    preconditions: Preconditions;
  },
  action: string,
  decide: (
    request: CitizenRequest,
    canton: CantonDefinition,
    now: string,
  ) => Change | undefined | Promise<Change | undefined>,
  alsoWrite: (change: Change) => readonly (AccompanyingWrite | Record<string, unknown>)[] = () => [],
) {
  const { caller, params, language, preconditions } = input;
  const canton = await callerCanton(caller, params.cantonId);
  const current = await findRequest(canton.id, params.requestId);
  if (!current) throw requestNotFound(params.requestId);
  const tag = entityTag(current.version);
  const now = clock.now().toISOString();
  let change: Change | undefined;
  try {
    change = await decide(current, canton, now);
  } catch (error) {
    // A client that read an older version hears that first: what it would have changed is no longer there.
    requirePreconditions(preconditions, tag);
    throw error;
  }
  requirePreconditions(preconditions, tag, change ? 'changes' : 'unchanged');
  if (!change) return { body: requestView(current, language) };
  const { request, event } = change;
  await saveRequest(
    request,
    event,
    auditOf(caller, canton.id, action, { type: 'request', id: request.requestId }, { at: now }),
    alsoWrite({ request, event }),
  );
  return { body: requestView(request, language) };
}
