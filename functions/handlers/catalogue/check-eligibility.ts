import type * as z from 'zod/mini';
import { httpHandler } from '#http/handler.js';
import { checkEligibilityRoute } from '#http/routes/catalogue/check-eligibility.js';
import { catalogueCanton, NATIONAL } from '#app/tenancy.js';
import { checkEligibility, matchesQuery } from '#domain/catalogue.js';
import { escalationRoute, NATIONAL_SERVICES_BY_ESCALATION } from '#domain/protocol-reach.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { referableServices } from '#app/catalogue/referable.js';
import type { EligibilityBody } from '#http/schemas/catalogue.js';
import { serviceView } from '#http/views/catalogue.js';

export const handler = httpHandler<{ cantonId: string }, unknown, z.infer<typeof EligibilityBody>>(
  checkEligibilityRoute,
  async ({ caller, params, body, language }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'read');
    const services = (await referableServices(canton, true)).filter((s) =>
      matchesQuery(s, { category: body.category, subcategory: body.subcategory, text: body.text }),
    );
    const verdicts = checkEligibility(services, body.profile);
    // The profile describes a citizen: the check is audited, the profile itself is not stored.
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'eligibility.check',
        { type: 'service' },
        { details: { services: verdicts.length, attributes: Object.keys(body.profile).sort() } },
      ),
    );
    // National services are listed for a canton too, so the answer says how they are reached.
    const national = canton.id === NATIONAL ? [] : verdicts.filter((v) => v.service.cantonId === NATIONAL);
    return {
      body: {
        escalation:
          national.length === 0
            ? null
            : {
                serviceIds: national.map((v) => v.service.id),
                route: escalationRoute(canton.id),
                text: NATIONAL_SERVICES_BY_ESCALATION[language],
              },
        eligible: verdicts.filter((v) => v.eligible).map((v) => serviceView(v.service, language)),
        ineligible: verdicts
          .filter((v) => !v.eligible)
          .map((v) => ({
            service: serviceView(v.service, language),
            unmet: v.unmet.map((u) => ({ attribute: u.attribute, reason: u.reason, text: u.text[language] })),
          })),
      },
    };
  },
);
