import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_MANAGERS } from '../roles.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { HSDS_MAX_DOCUMENT_BYTES, HSDS_MAX_RECORD_BYTES, HSDS_MAX_RECORDS } from '#domain/hsds/schema.js';
import { HsdsImportDocument } from '#domain/hsds/shapes.js';
import { JOB_THRESHOLD } from '#domain/import-job.js';

export const importCatalogueRoute: RouteDefinition = {
  operationId: 'importCatalogue',
  method: 'POST',
  path: '/cantons/{cantonId}/catalogue/hsds',
  handler: 'handlers/catalogue/import-hsds',
  auth: 'token',
  roles: CATALOGUE_MANAGERS,
  tableAccess: 'read-write',
  summary:
    'Load an Open Referral HSDS document into the catalogue: every error reported with its JSON pointer, and nothing written unless all is valid',
  description: `Takes SWCS's \`{"organizations": [...]}\`, a single HSDS organization, a single service (its organization nested as \`organization\`) or a page of either (\`contents\`, \`total_items\`, …). Limits: ${HSDS_MAX_DOCUMENT_BYTES / 1024 / 1024} MB per document (413 \`payload_too_large\`), ${HSDS_MAX_RECORDS} records (organizations plus services) per document and ${HSDS_MAX_RECORD_BYTES / 1024} KB per record (400 \`invalid_input\` naming the limit). Up to ${JOB_THRESHOLD} records are written within the call in one transaction; more become an import job. Fields SWCS does not model are kept as received, exported again, and counted in \`kept\`. Publishers' ids are kept: a record re-imported with the same HSDS id is a new version of the same record.`,
  tag: 'catalogue',
  pathParams: CantonPath,
  body: HsdsImportDocument,
  bodyCheckedByHandler: true,
  // Lambda accepts 6 MB; a canton's whole catalogue fits comfortably in 5.
  maxBodyBytes: HSDS_MAX_DOCUMENT_BYTES,
  successStatus: 200,
};
