import * as z from 'zod/mini';
import { ComplaintPath } from './complaint-requests.js';

/** The path of one activity of a case (complaint-requests.ts has the case's own). */
export const ActivityPath = z.extend(ComplaintPath, {
  activityNumber: z.coerce.number().check(z.int(), z.gte(1), z.lte(10)),
});
