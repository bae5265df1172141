import { notFound } from '../commons/errors.js';
import { httpHandler } from '../commons/http.js';
import { callerCanton, NATIONAL } from '../commons/tenancy.js';
import { listEscalations } from '../store/requests-store.js';

/** The national single window's inbox of requests escalated by the cantons, newest first. */
export const handler = httpHandler<{ cantonId: string }>('listEscalations', async ({ caller, params }) => {
  const canton = await callerCanton(caller, params.cantonId);
  if (canton.id !== NATIONAL) {
    throw notFound({
      es: 'Solo el nivel nacional recibe escalamientos',
      en: 'Only the national level receives escalations',
    });
  }
  return { body: { items: await listEscalations() } };
});
