import type * as z from 'zod/mini';
import { httpHandler } from '#http/handler.js';
import { nearestServicePointsRoute } from '#http/routes/catalogue/nearest-service-points.js';
import { catalogueCanton } from '#app/tenancy.js';
import { distanceKm } from '#domain/catalogue.js';
import { referableOrganizations } from '#app/catalogue/referable.js';
import type { NearestQuery } from '#http/schemas/catalogue.js';

export const handler = httpHandler<{ cantonId: string }, z.infer<typeof NearestQuery>>(
  nearestServicePointsRoute,
  async ({ caller, params, query }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'read');
    const organizations = await referableOrganizations(canton);
    const items = organizations
      .flatMap((organization) =>
        organization.locations
          .filter((location) => location.kind === query.kind)
          .map((location) => ({
            organizationId: organization.id,
            organizationName: organization.name,
            cantonId: organization.cantonId,
            location,
            distanceKm: Math.round(distanceKm(query, location) * 100) / 100,
          })),
      )
      .sort((a, b) => a.distanceKm - b.distanceKm)
      .slice(0, query.limit);
    return { body: { items } };
  },
);
