import { notFound } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { listEscalationsRoute } from '#http/routes/escalations/list-escalations.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '#http/pagination.js';
import { callerCanton, NATIONAL } from '#app/tenancy.js';
import { listEscalations } from '#adapters/dynamodb/requests-store.js';
import { escalationSummary } from '#http/views/requests.js';

/** The national single window's inbox of requests escalated by the cantons, newest first. */
export const handler = httpHandler<{ cantonId: string }, PageQuery>(
  listEscalationsRoute,
  async ({ caller, params, query, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    if (canton.id !== NATIONAL) {
      throw notFound({
        es: 'Solo el nivel nacional recibe escalamientos',
        en: 'Only the national level receives escalations',
      });
    }
    const scope = listScope('listEscalations', { canton: canton.id });
    const page = await listEscalations({ limit: query.limit, startKey: await startKeyOf(query, scope) });
    return {
      body: await pageBody(
        page.escalations.map((e) => escalationSummary(e, language)),
        page.lastKey,
        scope,
      ),
    };
  },
);
