import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { protocolRoute } from '#http/routes/protocols.js';
import { callerCanton, NATIONAL } from '#app/tenancy.js';
import { findSubcategory } from '#domain/taxonomy.js';
import { versionsOf } from '#adapters/dynamodb/protocols-store.js';
import { servicesByReach } from '#app/catalogue/referable.js';
import { effectiveAmong } from '#app/protocols/effective.js';
import { referralTargetsView } from '#app/protocols/referral-targets.js';
import { versionSummary } from '#http/views/protocols.js';

export const handler = httpHandler<{ cantonId: string; category: string; subcategory: string }>(
  protocolRoute('getProtocol'),
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const { category, subcategory } = params;
    const [own, templates, catalogues] = await Promise.all([
      canton.id === NATIONAL ? Promise.resolve([]) : versionsOf(canton.id, category, subcategory),
      versionsOf(NATIONAL, category, subcategory),
      servicesByReach(canton),
    ]);
    // Chosen among the versions just read: reading them again to choose would be two more calls.
    const effective = effectiveAmong(canton, own, templates, clock.now());
    return {
      body: {
        category,
        subcategory,
        label: findSubcategory(category, subcategory)?.label[language] ?? subcategory,
        inForce: effective?.protocol ?? null,
        source: effective?.source ?? null,
        referralTargets: effective
          ? referralTargetsView(effective.protocol, canton, catalogues, language)
          : null,
        versions: own.map(versionSummary),
        templateVersions: templates.map(versionSummary),
      },
    };
  },
);
