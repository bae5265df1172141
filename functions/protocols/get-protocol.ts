import { clock } from '../commons/clock.js';
import { httpHandler } from '../commons/http.js';
import { callerCanton, NATIONAL } from '../commons/tenancy.js';
import { findSubcategory } from '../domain/taxonomy.js';
import { versionsOf } from '../store/protocols-store.js';
import { servicesByReach } from '../catalogue/referable.js';
import { effectiveProtocol } from './effective.js';
import { referralTargetsView } from './referral-targets.js';
import { versionSummary } from './version-summary.js';

export const handler = httpHandler<{ cantonId: string; category: string; subcategory: string }>(
  'getProtocol',
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const { category, subcategory } = params;
    const [own, templates, effective, catalogues] = await Promise.all([
      canton.id === NATIONAL ? Promise.resolve([]) : versionsOf(canton.id, category, subcategory),
      versionsOf(NATIONAL, category, subcategory),
      effectiveProtocol(canton, category, subcategory, clock.now()),
      servicesByReach(canton),
    ]);
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
