import * as z from 'zod/mini';
import { type Organization, serviceReferenceProblems } from '#domain/catalogue.js';
import { OrganizationInput, ServiceInput } from '#domain/catalogue-input.js';

/**
 * A canton's starting catalogue, named by its definition file (`seed.catalogue`). It is validated with the API's
 * own schemas, and applied idempotently: a record whose content is already there is left alone, so deploying or
 * starting twice changes nothing, and a changed seed becomes a new version with its history.
 */
export const CatalogueSeedSchema = z
  .strictObject({
    organizations: z.array(OrganizationInput),
    services: z.array(ServiceInput),
  })
  .check(
    z.superRefine((seed, ctx) => {
      const organizations = new Map<string, z.infer<typeof OrganizationInput>>();
      seed.organizations.forEach((o, i) => {
        if (organizations.has(o.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['organizations', i, 'id'],
            message: `"${o.id}" is repeated`,
          });
        }
        organizations.set(o.id, o);
      });
      const services = new Set<string>();
      seed.services.forEach((s, i) => {
        if (services.has(s.id)) {
          ctx.addIssue({ code: 'custom', path: ['services', i, 'id'], message: `"${s.id}" is repeated` });
        }
        services.add(s.id);
        const organization = organizations.get(s.organizationId) as Organization | undefined;
        for (const problem of serviceReferenceProblems(s, organization)) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', i, ...problem.field.split('.')],
            message: typeof problem.problem === 'string' ? problem.problem : problem.problem.en,
          });
        }
      });
    }),
  );

export type CatalogueSeed = z.infer<typeof CatalogueSeedSchema>;
