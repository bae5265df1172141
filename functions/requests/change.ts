import { auditOf } from '../store/audit.js';
import { clock } from '../commons/clock.js';
import type { Caller } from '../commons/caller.js';
import { callerCanton } from '../commons/tenancy.js';
import type { CantonDefinition } from '../domain/canton.js';
import type { Change, CitizenRequest } from '../domain/request.js';
import type { Language } from '../domain/taxonomy.js';
import { findRequest, saveRequest } from '../store/requests-store.js';
import { requestNotFound } from './get.js';
import { requestView } from './view.js';

/**
 * The shape every change to a request shares: read it in the caller's canton, let the domain decide the change,
 * save it guarded by the version that was read, audit it in the same transaction, answer with the new request.
 */
export async function changeRequest(
  input: { caller: Caller; language: Language; params: { cantonId: string; requestId: string } },
  action: string,
  decide: (request: CitizenRequest, canton: CantonDefinition, now: string) => Change | Promise<Change>,
  alsoWrite: (change: Change) => readonly Record<string, unknown>[] = () => [],
) {
  const { caller, params, language } = input;
  const canton = await callerCanton(caller, params.cantonId);
  const current = await findRequest(canton.id, params.requestId);
  if (!current) throw requestNotFound(params.requestId);
  const now = clock.now().toISOString();
  const { request, event } = await decide(current, canton, now);
  await saveRequest(
    request,
    event,
    auditOf(caller, canton.id, action, { type: 'request', id: request.requestId }, { at: now }),
    alsoWrite({ request, event }),
  );
  return { body: requestView(request, language) };
}
