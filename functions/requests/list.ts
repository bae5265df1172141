import { createHash } from 'node:crypto';
import { decodeCursor, encodeCursor } from '../commons/cursor.js';
import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { auditOf, recordAudit } from '../store/audit.js';
import { listRequests } from '../store/requests-store.js';
import type { ListRequestsInput } from './schemas.js';
import { requestView } from './view.js';

/**
 * Request times are stored in UTC ISO form, so bounds with an offset are converted; a bare date stays a prefix
 * (and `to` as a date therefore covers that whole day).
 */
const utc = (bound?: string) => (bound && bound.length > 10 ? new Date(bound).toISOString() : bound);

export const handler = httpHandler<{ cantonId: string }, ListRequestsInput>(
  'listRequests',
  async ({ caller, params, query, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const { cursor, limit, ...filters } = query;
    // A cursor opens only the query it was issued for: same canton and same filters.
    const scope = createHash('sha256')
      .update(JSON.stringify({ canton: canton.id, ...filters }))
      .digest('base64url');
    const startKey = cursor ? await decodeCursor(cursor, scope) : undefined;
    const page = await listRequests({
      cantonId: canton.id,
      ...filters,
      from: utc(filters.from),
      to: utc(filters.to),
      limit,
      startKey,
    });
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'request.list',
        { type: 'request' },
        { details: { count: page.requests.length, filters: Object.keys(filters) } },
      ),
    );
    return {
      body: {
        items: page.requests.map((r) => requestView(r, language)),
        ...(page.lastKey ? { nextCursor: await encodeCursor(page.lastKey, scope) } : {}),
      },
    };
  },
);
