import { auditOf } from '../store/audit.js';
import { clock } from '../commons/clock.js';
import type * as z from 'zod';
import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { upsert } from '../domain/catalogue.js';
import { findOrganization, saveOrganization } from '../store/catalogue-store.js';
import type { OrganizationBody } from './schemas.js';
import { organizationView } from './views.js';

export const handler = httpHandler<
  { cantonId: string; organizationId: string },
  unknown,
  z.infer<typeof OrganizationBody>
>('putOrganization', async ({ caller, params, body }) => {
  const canton = await catalogueCanton(caller, params.cantonId, 'write');
  const current = await findOrganization(canton.id, params.organizationId);
  const now = clock.now().toISOString();
  const { record, event } = upsert(
    current,
    { ...body, id: params.organizationId },
    { caller, level: canton.level, now },
  );
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
