import { auditOf } from '#adapters/dynamodb/audit.js';
import { clock } from '#kernel/clock.js';
import { requirePreconditions } from '#http/conditional.js';
import type * as z from 'zod/mini';
import { invalidInput } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { putServiceRoute } from '#http/routes/catalogue/put-service.js';
import { catalogueCanton } from '#app/tenancy.js';
import { holdsContent, serviceReferenceProblems, upsert } from '#domain/catalogue.js';
import { organizationRead, saveService, serviceRead } from '#adapters/dynamodb/catalogue-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import type { ServiceBody } from '#http/schemas/catalogue.js';
import { serviceTag, serviceView } from '#http/views/catalogue.js';

export const handler = httpHandler<
  { cantonId: string; serviceId: string },
  unknown,
  z.infer<typeof ServiceBody>
>(putServiceRoute, async ({ caller, params, body, language, preconditions }) => {
  const canton = await catalogueCanton(caller, params.cantonId, 'write');
  const input = { ...body, id: params.serviceId };
  // Both named by the path and the body: one read.
  const reads = new BatchReads();
  const [organization, current] = await Promise.all([
    reads.get(organizationRead(canton.id, input.organizationId)),
    reads.get(serviceRead(canton.id, params.serviceId)),
  ]);
  const unchanged = holdsContent(current, input);
  requirePreconditions(preconditions, current && serviceTag(current), unchanged ? 'unchanged' : 'changes');
  if (current && unchanged) {
    return { headers: { etag: serviceTag(current) }, body: serviceView(current, language) };
  }
  const problems = serviceReferenceProblems(input, organization);
  if (problems.length > 0) throw invalidInput(problems);
  const now = clock.now().toISOString();
  const { record, event } = upsert(current, input, { caller, level: canton.level, now });
  await saveService(
    record,
    event,
    auditOf(
      caller,
      canton.id,
      current ? 'service.update' : 'service.create',
      { type: 'service', id: record.id },
      { at: now },
    ),
    current?.capacity.available,
  );
  return { headers: { etag: serviceTag(record) }, body: serviceView(record, language) };
});
