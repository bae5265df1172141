import type { RouteDefinition } from '../route.js';
import {
  EligibilityAnswer,
  ImportSummary,
  NearestAnswer,
  OrganizationList,
  OrganizationView,
  ServiceList,
  ServiceView,
} from '../schemas/catalogue.js';
import { HsdsDocument } from '#domain/hsds/schema.js';
import { ImportJobView } from '../schemas/import-jobs.js';
import { JOB_THRESHOLD } from '#domain/import-job.js';
import { putOrganizationRoute } from './catalogue/put-organization.js';
import { listOrganizationsRoute } from './catalogue/list-organizations.js';
import { getOrganizationRoute } from './catalogue/get-organization.js';
import { putServiceRoute } from './catalogue/put-service.js';
import { searchServicesRoute } from './catalogue/search-services.js';
import { getServiceRoute } from './catalogue/get-service.js';
import { deactivateServiceRoute } from './catalogue/deactivate-service.js';
import { updateAvailabilityRoute } from './catalogue/update-availability.js';
import { checkEligibilityRoute } from './catalogue/check-eligibility.js';
import { nearestServicePointsRoute } from './catalogue/nearest-service-points.js';
import { exportCatalogueRoute } from './catalogue/export-hsds.js';
import { importCatalogueRoute } from './catalogue/import-hsds.js';
import { getCatalogueImportRoute } from './catalogue/get-import-job.js';

/**
 * The routes of the catalogue: organizations, services, eligibility, nearest service points, HSDS import and export.
 * Each operation is defined in its own module (routes/catalogue/<handler>.ts), which its handler imports: a bundle
 * then holds only its own operation's schemas. This list gathers them for ROUTES, the gateway and the document.
 */
export const CATALOGUE_ROUTES: readonly RouteDefinition[] = [
  { ...putOrganizationRoute, response: OrganizationView },
  { ...listOrganizationsRoute, response: OrganizationList },
  { ...getOrganizationRoute, response: OrganizationView },
  { ...putServiceRoute, response: ServiceView },
  { ...searchServicesRoute, response: ServiceList },
  { ...getServiceRoute, response: ServiceView },
  { ...deactivateServiceRoute, response: ServiceView },
  { ...updateAvailabilityRoute, response: ServiceView },
  { ...checkEligibilityRoute, response: EligibilityAnswer },
  { ...nearestServicePointsRoute, response: NearestAnswer },
  { ...exportCatalogueRoute, response: HsdsDocument },
  {
    ...importCatalogueRoute,
    response: ImportSummary,
    accepted: {
      description: `More than ${JOB_THRESHOLD} records: accepted as an import job, to follow at its Location`,
      response: ImportJobView,
    },
  },
  { ...getCatalogueImportRoute, response: ImportJobView },
];
