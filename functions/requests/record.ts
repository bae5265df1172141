import { auditOf } from '../store/audit.js';
import { clock } from '../commons/clock.js';
import { ulid } from 'ulid';
import { badRequest } from '../commons/errors.js';
import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { recordRequest } from '../domain/request.js';
import { effectiveProtocol, protocolReference } from '../protocols/effective.js';
import { saveRequest } from '../store/requests-store.js';
import type { RecordRequestInput } from './schemas.js';
import { requestView } from './view.js';

export const handler = httpHandler<{ cantonId: string }, unknown, RecordRequestInput>(
  'recordRequest',
  async ({ caller, params, body, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const category = body.classification?.category;
    if (category && !canton.enabledCategories.includes(category as never)) {
      throw badRequest('classification.category', {
        es: `la categoría "${category}" no está habilitada en ${canton.name}`,
        en: `category "${category}" is not enabled in ${canton.name}`,
      });
    }
    const now = clock.now();
    const effective = body.classification
      ? await effectiveProtocol(canton, body.classification.category, body.classification.subcategory, now)
      : undefined;
    const { request, event } = recordRequest(body, {
      caller,
      requestId: ulid(),
      now: now.toISOString(),
      provisionalId: () => `PRV-${ulid()}`,
      ...(effective ? { protocol: protocolReference(effective.protocol) } : {}),
    });
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
    );
    return {
      statusCode: 201,
      headers: { location: `/cantons/${canton.id}/requests/${request.requestId}` },
      body: requestView(request, language, [event]),
    };
  },
);
