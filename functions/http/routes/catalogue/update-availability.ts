import type { RouteDefinition } from '../../route.js';
import { AvailabilityBody, ServicePath } from '../../schemas/catalogue-requests.js';

export const updateAvailabilityRoute: RouteDefinition = {
  operationId: 'updateAvailability',
  method: 'PATCH',
  path: '/cantons/{cantonId}/services/{serviceId}/availability',
  handler: 'handlers/catalogue/update-availability',
  auth: 'token',
  roles: ['contact-officer', 'coordinator', 'admin'],
  tableAccess: 'read-write',
  summary: "Update a service's available spots, waitlist or temporary closure (its own contact officers)",
  tag: 'catalogue',
  pathParams: ServicePath,
  body: AvailabilityBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
