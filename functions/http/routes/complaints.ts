import type { RouteDefinition } from '../route.js';
import {
  ComplaintPage,
  ComplaintStatisticsView,
  ComplaintView,
  FollowUpView,
} from '../schemas/complaints.js';
import { openComplaintRoute } from './complaints/open.js';
import { listComplaintsRoute } from './complaints/list.js';
import { getComplaintRoute } from './complaints/get.js';
import { addComplaintActivityRoute } from './complaints/add-activity.js';
import { progressComplaintActivityRoute } from './complaints/progress-activity.js';
import { resolveComplaintRoute } from './complaints/resolve.js';
import { appealComplaintRoute } from './complaints/appeal.js';
import { rateComplaintRoute } from './complaints/rate.js';
import { followComplaintRoute } from './complaints/follow-up.js';
import { complaintStatisticsRoute } from './complaints/statistics.js';

/**
 * The routes of complaint cases (PQSSF).
 * Each operation is defined in its own module (routes/complaints/<handler>.ts), which its handler imports: a bundle
 * then holds only its own operation's schemas. This list gathers them for ROUTES, the gateway and the document.
 */
export const COMPLAINT_ROUTES: readonly RouteDefinition[] = [
  { ...openComplaintRoute, response: ComplaintView },
  { ...listComplaintsRoute, response: ComplaintPage },
  { ...getComplaintRoute, response: ComplaintView },
  { ...addComplaintActivityRoute, response: ComplaintView },
  { ...progressComplaintActivityRoute, response: ComplaintView },
  { ...resolveComplaintRoute, response: ComplaintView },
  { ...appealComplaintRoute, response: ComplaintView },
  { ...rateComplaintRoute, response: ComplaintView },
  { ...followComplaintRoute, response: FollowUpView },
  { ...complaintStatisticsRoute, response: ComplaintStatisticsView },
];
