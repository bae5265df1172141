import type { RouteDefinition } from '../../route.js';
import { ComplaintPath } from '../../schemas/complaint-requests.js';
import { ResolutionBody } from '#domain/complaint-decision-input.js';

export const resolveComplaintRoute: RouteDefinition = {
  operationId: 'resolveComplaint',
  method: 'POST',
  path: '/cantons/{cantonId}/complaints/{complaintId}/resolution',
  handler: 'handlers/complaints/resolve',
  auth: 'token',
  roles: ['swcs-officer', 'coordinator'],
  tableAccess: 'read-write',
  answersComplaintClock: true,
  notifies: true,
  mailsCitizens: true,
  summary: 'Resolve a case with a decision code and the reply to the citizen',
  description:
    'The reply goes out through the case’s reply channel: an SMS of one segment with the reference and a link (never the content), an e-mail with the reply to the citizen’s address, or it is recorded as given by phone or in person. Its delivery is part of the record: `failed` when it could not be sent — an e-mail among them when the single window has no address to e-mail citizens from yet — for the call centre to give the reply by phone.',
  tag: 'complaints',
  pathParams: ComplaintPath,
  body: ResolutionBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
