import type { Complaint } from '#domain/complaint.js';
import { allComplaints } from '#adapters/dynamodb/complaints-store.js';
import { backfillComplaintIndexes } from '#adapters/dynamodb/complaints-index.js';
import { fileUnderComplainants } from './complainant-file.js';
import { complaintClockStart } from '#adapters/stepfunctions/workflow-start.js';
import { startComplaintClockExecution } from '#adapters/stepfunctions/complaint-clock.js';

/**
 * The local runtime's restart: on AWS an execution outlives any process, here it lives in this one. Every case not
 * yet resolved gets its clock back in the phase it is in; its timers are absolute instants and their fired counts
 * are stored, so nothing fires twice and a timer that fell due while stopped fires at once.
 */
export async function resumeComplaintClocks(cantonIds: readonly string[]): Promise<void> {
  for (const cantonId of cantonIds) {
    // Cases stored before the list indexes existed get their entries (docs/decisions/complaints.md).
    await backfillComplaintIndexes(cantonId);
    const complaints = await allComplaints(cantonId);
    // And are filed under their complainants, which the household file reads (docs/data-model.md).
    await fileUnderComplainants(complaints);
    for (const complaint of complaints) {
      if (complaint.status === 'resolved') continue;
      const { name, input } = complaintClockStart(complaint);
      await startComplaintClockExecution(
        { ...input, phase: phaseOf(complaint) },
        `${name}-resumed-${Date.now()}`,
      );
    }
  }
}

const phaseOf = (complaint: Complaint) => (complaint.acknowledgedAt ? 'resolve' : 'acknowledge');
