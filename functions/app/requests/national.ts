import type { Caller } from '#model/caller.js';
import { notFound } from '#kernel/errors.js';
import { callerCanton, NATIONAL } from '../tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { CitizenRequest } from '#domain/request.js';
import { findEscalation, findRequest } from '#adapters/dynamodb/requests-store.js';

/**
 * The national single window reaches a canton's request only through its escalation: national staff, a request
 * the canton escalated. Anyone else, or any other request, gets the same 404 as a request that does not exist.
 */
export async function escalatedRequest(
  caller: Caller,
  params: { cantonId: string; originCantonId: string; requestId: string },
): Promise<{ national: CantonDefinition; request: CitizenRequest }> {
  const national = await callerCanton(caller, params.cantonId);
  const missing = () =>
    notFound({
      es: `No hay una solicitud escalada ${params.requestId} de ${params.originCantonId}`,
      en: `There is no escalated request ${params.requestId} from ${params.originCantonId}`,
    });
  if (national.id !== NATIONAL) throw missing();
  const link = await findEscalation(params.originCantonId, params.requestId);
  if (!link) throw missing();
  const request = await findRequest(params.originCantonId, params.requestId);
  if (!request) throw missing();
  return { national, request };
}
