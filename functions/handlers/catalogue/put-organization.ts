import { auditOf } from '#adapters/dynamodb/audit.js';
import { clock } from '#kernel/clock.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import type * as z from 'zod/mini';
import { httpHandler } from '#http/handler.js';
import { putOrganizationRoute } from '#http/routes/catalogue/put-organization.js';
import { catalogueCanton } from '#app/tenancy.js';
import { holdsContent, upsert } from '#domain/catalogue.js';
import { findOrganization, saveOrganization } from '#adapters/dynamodb/catalogue-store.js';
import type { OrganizationBody } from '#http/schemas/catalogue.js';
import { organizationView } from '#http/views/catalogue.js';

export const handler = httpHandler<
  { cantonId: string; organizationId: string },
  unknown,
  z.infer<typeof OrganizationBody>
>(putOrganizationRoute, async ({ caller, params, body, preconditions }) => {
  const canton = await catalogueCanton(caller, params.cantonId, 'write');
  const current = await findOrganization(canton.id, params.organizationId);
  const input = { ...body, id: params.organizationId };
  const unchanged = holdsContent(current, input);
  requirePreconditions(
    preconditions,
    current && entityTag(current.version),
    unchanged ? 'unchanged' : 'changes',
  );
  if (current && unchanged) return { body: organizationView(current) };
  const now = clock.now().toISOString();
  const { record, event } = upsert(current, input, { caller, level: canton.level, now });
  await saveOrganization(
    record,
    event,
    auditOf(
      caller,
      canton.id,
      current ? 'organization.update' : 'organization.create',
      { type: 'organization', id: record.id },
      { at: now },
    ),
  );
  return { body: organizationView(record) };
});
