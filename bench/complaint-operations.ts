import { CANTON, type BenchRuntime } from './fixture.js';
import { apiOperation, documented, type Ids, type Operation, setUp } from './operation.js';

/**
 * Complaint cases (PQSSF) from opening to appeal, as test/handlers/complaints.test.ts drives them, with the request
 * bodies of the OpenAPI document's examples.
 */
const complaint = documented('openComplaint');
const activity = { description: 'Pedir informe al CDI', assigneeId: 'uio.tecnica1', dueDate: '2030-01-15' };
const resolution = documented('resolveComplaint');

export async function complaintOperations(rt: BenchRuntime): Promise<Operation[]> {
  const c = `/cantons/${CANTON}/complaints`;
  const [operator, officer, coordinator] = await Promise.all([
    rt.token('operator'),
    rt.token('swcs-officer', CANTON, 'uio.tecnica1'),
    rt.token('coordinator'),
  ]);
  const opened = async (): Promise<Ids> => {
    const body = await setUp(rt, 'complaint', {
      method: 'POST',
      path: c,
      token: operator,
      body: complaint,
      status: 201,
    });
    return { complaint: body.complaintId, reference: body.reference };
  };
  const withActivity = async (): Promise<Ids> => {
    const ids = await opened();
    await setUp(rt, 'activity', {
      method: 'POST',
      path: `${c}/${ids.complaint}/activities`,
      token: officer,
      body: activity,
      status: 201,
    });
    return ids;
  };
  const resolved = async (): Promise<Ids> => {
    const ids = await opened();
    await setUp(rt, 'resolution', {
      method: 'POST',
      path: `${c}/${ids.complaint}/resolution`,
      token: officer,
      body: resolution,
    });
    return ids;
  };
  const read = await resolved();

  const op = apiOperation.bind(null, rt);
  return [
    op('openComplaint', () => ({ method: 'POST', path: c, token: operator, body: complaint, status: 201 })),
    op('listComplaints', () => ({ method: 'GET', path: `${c}?limit=25`, token: coordinator })),
    op('getComplaint', () => ({ method: 'GET', path: `${c}/${read.complaint}`, token: coordinator })),
    op(
      'addComplaintActivity',
      (ids) => ({
        method: 'POST',
        path: `${c}/${ids.complaint}/activities`,
        token: officer,
        body: activity,
        status: 201,
      }),
      { prepare: opened },
    ),
    op(
      'progressComplaintActivity',
      (ids) => ({
        method: 'PUT',
        path: `${c}/${ids.complaint}/activities/1`,
        token: officer,
        body: documented('progressComplaintActivity'),
      }),
      { prepare: withActivity },
    ),
    op(
      'resolveComplaint',
      (ids) => ({
        method: 'POST',
        path: `${c}/${ids.complaint}/resolution`,
        token: officer,
        body: resolution,
      }),
      { prepare: opened },
    ),
    op(
      'appealComplaint',
      (ids) => ({
        method: 'POST',
        path: `${c}/${ids.complaint}/appeal`,
        token: operator,
        body: documented('appealComplaint'),
      }),
      { prepare: resolved },
    ),
    op(
      'rateComplaint',
      (ids) => ({
        method: 'POST',
        path: `${c}/${ids.complaint}/satisfaction`,
        token: operator,
        body: documented('rateComplaint'),
      }),
      { prepare: resolved },
    ),
    op('followComplaint', () => ({
      method: 'GET',
      path: `/cantons/${CANTON}/complaint-references/${read.reference}`,
      token: operator,
    })),
    op('complaintStatistics', () => ({
      method: 'GET',
      path: `/cantons/${CANTON}/complaint-statistics`,
      token: coordinator,
    })),
  ];
}
