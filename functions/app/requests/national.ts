import type { Caller } from '#model/caller.js';
import { notFound } from '#kernel/errors.js';
import { callerCanton, NATIONAL } from '../tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { CitizenRequest } from '#domain/request.js';
import { findRequestWithHistory, requestRead } from '#adapters/dynamodb/requests-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { referralsOfRequest } from '#adapters/dynamodb/referrals-store.js';

/**
 * The national single window reaches a canton's request only through its escalation: national staff, a request
 * the canton escalated. Anyone else, or any other request, gets the same 404 as a request that does not exist.
 * The request itself says it was escalated: its `escalation` is written in the very transaction that writes the
 * national inbox's link (handlers/requests/escalate.ts), and neither is ever removed, so the link need not be read.
 * `reads`: the operation's reads, so that the request joins the batch of what the path and body name with it.
 */
export async function escalatedRequest(
  caller: Caller,
  params: { cantonId: string; originCantonId: string; requestId: string },
  reads: BatchReads = new BatchReads(),
): Promise<{ national: CantonDefinition; request: CitizenRequest }> {
  const national = await nationalCaller(caller, params);
  const request = await reads.get(requestRead(params.originCantonId, params.requestId));
  if (!request || !wasEscalated(request)) throw escalationMissing(params);
  return { national, request };
}

/**
 * The same check, for showing the request: its history and its referrals are read side by side (two Queries) once
 * the caller is known to be national staff, and returned only when the request proves escalated.
 */
export async function escalatedRequestWithHistory(
  caller: Caller,
  params: { cantonId: string; originCantonId: string; requestId: string },
) {
  await nationalCaller(caller, params);
  const [found, referrals] = await Promise.all([
    findRequestWithHistory(params.originCantonId, params.requestId),
    referralsOfRequest(params.originCantonId, params.requestId),
  ]);
  if (!found || !wasEscalated(found.request)) throw escalationMissing(params);
  return { ...found, referrals };
}

const wasEscalated = (request: CitizenRequest) => request.escalation?.to === 'national';

async function nationalCaller(
  caller: Caller,
  params: { cantonId: string; originCantonId: string; requestId: string },
) {
  const national = await callerCanton(caller, params.cantonId);
  if (national.id !== NATIONAL) throw escalationMissing(params);
  return national;
}

const escalationMissing = (params: { originCantonId: string; requestId: string }) =>
  notFound({
    es: `No hay una solicitud escalada ${params.requestId} de ${params.originCantonId}`,
    en: `There is no escalated request ${params.requestId} from ${params.originCantonId}`,
  });
