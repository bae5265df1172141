import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_MANAGERS } from '../roles.js';
import { ImportJobPath } from '../../schemas/import-jobs.js';

export const getCatalogueImportRoute: RouteDefinition = {
  operationId: 'getCatalogueImport',
  method: 'GET',
  path: '/cantons/{cantonId}/catalogue/imports/{jobId}',
  handler: 'handlers/catalogue/get-import-job',
  auth: 'token',
  roles: CATALOGUE_MANAGERS,
  tableAccess: 'read',
  summary: 'A catalogue import job: its status, progress (records done of total) and outcome',
  tag: 'catalogue',
  pathParams: ImportJobPath,
  successStatus: 200,
};
