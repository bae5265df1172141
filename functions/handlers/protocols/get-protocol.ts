import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { getProtocolRoute } from '#http/routes/protocols/get-protocol.js';
import { callerCanton } from '#app/tenancy.js';
import { findSubcategory } from '#domain/taxonomy.js';
import { protocolsToShow } from '#app/protocols/effective.js';
import { referralTargetsView } from '#app/protocols/referral-targets.js';
import { versionSummary } from '#http/views/protocols.js';

export const handler = httpHandler<{ cantonId: string; category: string; subcategory: string }>(
  getProtocolRoute,
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const { category, subcategory } = params;
    const { own, templates, effective, catalogues } = await protocolsToShow(
      canton,
      category,
      subcategory,
      clock.now(),
    );
    return {
      body: {
        category,
        subcategory,
        label: findSubcategory(category, subcategory)?.label[language] ?? subcategory,
        inForce: effective?.protocol ?? null,
        source: effective?.source ?? null,
        referralTargets:
          effective && catalogues
            ? referralTargetsView(effective.protocol, canton, catalogues, language)
            : null,
        versions: own.map(versionSummary),
        templateVersions: templates.map(versionSummary),
      },
    };
  },
);
