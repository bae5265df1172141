import { ulid } from '#kernel/ids.js';
import { httpHandler } from '#http/handler.js';
import { recordLocalBenefitRoute } from '#http/routes/registry/record-benefit.js';
import type { LocalBenefitInput } from '#http/schemas/registry.js';
import { callerCanton } from '#app/tenancy.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { type LocalBenefit, saveLocalBenefit } from '#adapters/dynamodb/registry-store.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';
import { clock } from '#kernel/clock.js';

export const handler = httpHandler<{ cantonId: string }, unknown, LocalBenefitInput>(
  recordLocalBenefitRoute,
  async ({ caller, params, body }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const { nationalId, ...delivered } = body;
    const digest = await citizenDigest(nationalId);
    const recordedAt = clock.now().toISOString();
    const benefit: LocalBenefit = {
      benefitId: ulid(),
      cantonId: canton.id,
      ...delivered,
      recordedBy: caller.userId,
      recordedAt,
    };
    await saveLocalBenefit(
      digest,
      benefit,
      auditOf(
        caller,
        canton.id,
        'registry.benefit.record',
        { type: 'citizen', id: digest },
        {
          at: recordedAt,
          details: { benefitId: benefit.benefitId, kind: benefit.kind },
        },
      ),
    );
    return { body: benefit };
  },
);
