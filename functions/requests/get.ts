import { notFound } from '../commons/errors.js';
import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { auditOf, recordAudit } from '../store/audit.js';
import { findRequestWithHistory } from '../store/requests-store.js';
import { requestView } from './view.js';

export const requestNotFound = (requestId: string) =>
  notFound({ es: `No existe la solicitud ${requestId}`, en: `There is no request ${requestId}` });

export const handler = httpHandler<{ cantonId: string; requestId: string }>(
  'getRequest',
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const found = await findRequestWithHistory(canton.id, params.requestId);
    if (!found) throw requestNotFound(params.requestId);
    await recordAudit(auditOf(caller, canton.id, 'request.read', { type: 'request', id: params.requestId }));
    return { body: requestView(found.request, language, found.history) };
  },
);
