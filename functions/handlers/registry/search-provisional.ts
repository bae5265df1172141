import { httpHandler } from '#http/handler.js';
import { searchProvisionalIdentitiesRoute } from '#http/routes/registry/search-provisional.js';
import type { ProvisionalSearchInput } from '#http/schemas/registry.js';
import { callerCanton } from '#app/tenancy.js';
import { provisionalView } from '#app/registry/provisional.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { provisionalIdentities } from '#adapters/dynamodb/registry-store.js';
import { matchReasons } from '#domain/registry-merge.js';

const MAX_MATCHES = 25;

export const handler = httpHandler<{ cantonId: string }, unknown, ProvisionalSearchInput>(
  searchProvisionalIdentitiesRoute,
  async ({ caller, params, body }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const matches = (await provisionalIdentities(canton.id))
      .map((identity) => ({ identity, reasons: matchReasons(identity, body) }))
      .filter((m) => m.reasons.length > 0)
      .sort((a, b) => b.reasons.length - a.reasons.length)
      .slice(0, MAX_MATCHES);
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'registry.provisional.search',
        { type: 'provisional-identity' },
        {
          details: { matches: matches.length, by: Object.keys(body).sort() },
        },
      ),
    );
    return {
      body: { items: matches.map((m) => ({ identity: provisionalView(m.identity), reasons: m.reasons })) },
    };
  },
);
