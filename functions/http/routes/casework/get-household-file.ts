import type { RouteDefinition } from '../../route.js';
import { HouseholdFilePath } from '../../schemas/casework-requests.js';

export const getHouseholdFileRoute: RouteDefinition = {
  operationId: 'getHouseholdFile',
  method: 'GET',
  path: '/cantons/{cantonId}/household-files/{subjectKey}',
  handler: 'handlers/casework/get-household-file',
  auth: 'token',
  roles: ['case-manager', 'swcs-officer', 'head-of-department', 'coordinator'],
  tableAccess: 'read-write',
  summary:
    "The citizen's file (ficha única): a household's plans, home visits, requests, referrals, complaints and local benefits over time",
  description:
    'One read, newest first, for the staff who work with households (not auditors, operators or contact officers); a sensitive complaint is listed only for who may see it. The read is audited before anything is shown, like a screening.',
  tag: 'casework',
  pathParams: HouseholdFilePath,
  successStatus: 200,
};
