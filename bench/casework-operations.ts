import { CANTON, type BenchRuntime } from './fixture.js';
import { apiOperation, documented, type Ids, type Operation, setUp } from './operation.js';
import { SCREENED } from './registry-operations.js';

/**
 * Case management (plan carts, plans, home visits, the household file) and social reports, on Rosa Guamán's
 * household of the demo registry, as test/handlers/casework.test.ts and social-reports.test.ts drive them.
 */
const ROSA = '1710034065';
const HOUSEHOLD = 'HH-UIO-000000';

const visit = documented('addPlanCartItem');
const report = {
  purpose: 'Acceso al Bono Joaquín Gallegos Lara',
  sections: {
    housing: { tenure: 'borrowed', observations: 'Vivienda prestada; techo con filtraciones.' },
  },
  opinion: 'La jefa de hogar, adulta mayor sin ingresos, cuida sola a su nieto con discapacidad.',
  request: 'Que se califique al niño para el Bono Joaquín Gallegos Lara.',
};
const PDF = { accept: 'application/pdf' };

export async function caseworkOperations(rt: BenchRuntime): Promise<Operation[]> {
  const c = `/cantons/${CANTON}`;
  const [manager, head] = await Promise.all([
    rt.token('case-manager', CANTON, 'uio.gestora'),
    rt.token('head-of-department', CANTON, 'uio.jefatura'),
  ]);
  const post = (what: string, path: string, body: unknown, status = 200, token = manager) =>
    setUp(rt, what, { method: 'POST', path: `${c}${path}`, token, body, status });

  const cart = async (): Promise<Ids> => ({
    cart: (await post('cart', '/plan-carts', { nationalId: ROSA }, 201)).cartId,
  });
  const cartWithVisit = async (): Promise<Ids> => {
    const ids = await cart();
    await post('cart item', `/plan-carts/${ids.cart}/items`, visit, 201);
    return ids;
  };
  const plan = async (): Promise<Ids> => {
    const ids = await cartWithVisit();
    const checkedOut = await post(
      'checkout',
      `/plan-carts/${ids.cart}/checkout`,
      documented('checkOutPlanCart'),
      201,
    );
    return { plan: checkedOut.planId };
  };
  const closedPlan = async (): Promise<Ids> => {
    const ids = await plan();
    await setUp(rt, 'item done', {
      method: 'PUT',
      path: `${c}/plans/${ids.plan}/items/1/status`,
      token: manager,
      body: { status: 'done', notes: 'Vivienda con humedad; Rosa vive con su nieto' },
    });
    return ids;
  };
  const draft = async (): Promise<Ids> => {
    const drafted = await post('draft', '/social-reports', { householdId: HOUSEHOLD, ...report }, 201);
    return { report: drafted.reportId };
  };
  const signed = async (): Promise<Ids> => {
    const ids = await draft();
    await post('signature', `/social-reports/${ids.report}/signature`, { confirm: true });
    return ids;
  };
  const approved = async (): Promise<Ids> => {
    const ids = await signed();
    await post('approval', `/social-reports/${ids.report}/approval`, {}, 200, head);
    return ids;
  };
  const readPlan = await plan();
  const readCart = await cartWithVisit();
  const readReport = await approved();
  // The screened citizen's household has a plan, as a household in case management does.
  const { cartId } = await post('cart', '/plan-carts', { nationalId: SCREENED.nationalId }, 201);
  await post('cart item', `/plan-carts/${cartId}/items`, visit, 201);
  await post('checkout', `/plan-carts/${cartId}/checkout`, documented('checkOutPlanCart'), 201);

  let serial = 0;
  const op = apiOperation.bind(null, rt);
  return [
    op('openPlanCart', () => ({
      method: 'POST',
      path: `${c}/plan-carts`,
      token: manager,
      body: { nationalId: ROSA },
      status: 201,
    })),
    op('getPlanCart', () => ({ method: 'GET', path: `${c}/plan-carts/${readCart.cart}`, token: manager })),
    op(
      'addPlanCartItem',
      (ids) => ({
        method: 'POST',
        path: `${c}/plan-carts/${ids.cart}/items`,
        token: manager,
        body: visit,
        status: 201,
      }),
      { prepare: cart },
    ),
    op(
      'removePlanCartItem',
      (ids) => ({ method: 'DELETE', path: `${c}/plan-carts/${ids.cart}/items/1`, token: manager }),
      { prepare: cartWithVisit },
    ),
    op(
      'checkOutPlanCart',
      (ids) => ({
        method: 'POST',
        path: `${c}/plan-carts/${ids.cart}/checkout`,
        token: manager,
        body: documented('checkOutPlanCart'),
        status: 201,
      }),
      { prepare: cartWithVisit },
    ),
    op('listPlans', () => ({ method: 'GET', path: `${c}/plans?status=open&limit=25`, token: manager })),
    op('getPlan', () => ({ method: 'GET', path: `${c}/plans/${readPlan.plan}`, token: manager })),
    op('getPlanPdf', () => ({
      method: 'GET',
      path: `${c}/plans/${readPlan.plan}/pdf`,
      token: manager,
      headers: PDF,
    })),
    op(
      'changePlanItemStatus',
      (ids) => ({
        method: 'PUT',
        path: `${c}/plans/${ids.plan}/items/1/status`,
        token: manager,
        body: { status: 'in-progress' },
      }),
      { prepare: plan },
    ),
    op(
      'reopenPlan',
      (ids) => ({
        method: 'POST',
        path: `${c}/plans/${ids.plan}/reopening`,
        token: manager,
        body: documented('reopenPlan'),
      }),
      { prepare: closedPlan },
    ),
    op('listHomeVisits', () => ({
      method: 'GET',
      path: `${c}/home-visits?from=2026-12-01&to=2026-12-31`,
      token: manager,
    })),
    op('getHouseholdFile', () => ({
      method: 'GET',
      path: `${c}/household-files/${SCREENED.householdId}`,
      token: manager,
    })),
    op('draftSocialReport', () => ({
      method: 'POST',
      path: `${c}/social-reports`,
      token: manager,
      body: { householdId: HOUSEHOLD, ...report },
      status: 201,
    })),
    op('getSocialReport', () => ({
      method: 'GET',
      path: `${c}/social-reports/${readReport.report}`,
      token: manager,
    })),
    op(
      'updateSocialReport',
      (ids) => ({
        method: 'PUT',
        path: `${c}/social-reports/${ids.report}`,
        token: manager,
        body: { ...report, opinion: ids.opinion, members: JSON.parse(ids.members as string) },
        headers: { 'if-match': 'W/"1"' },
      }),
      {
        async prepare() {
          const drafted = await post('draft', '/social-reports', { householdId: HOUSEHOLD, ...report }, 201);
          // A change (an identical edit writes nothing).
          const opinion = `${report.opinion} Revisado ${++serial}.`;
          return { report: drafted.reportId, members: JSON.stringify(drafted.members), opinion };
        },
      },
    ),
    op(
      'signSocialReport',
      (ids) => ({
        method: 'POST',
        path: `${c}/social-reports/${ids.report}/signature`,
        token: manager,
        body: { confirm: true },
      }),
      { prepare: draft },
    ),
    op(
      'approveSocialReport',
      (ids) => ({
        method: 'POST',
        path: `${c}/social-reports/${ids.report}/approval`,
        token: head,
        body: {},
      }),
      { prepare: signed },
    ),
    op(
      'correctSocialReport',
      (ids) => ({
        method: 'POST',
        path: `${c}/social-reports/${ids.report}/corrections`,
        token: manager,
        body: documented('correctSocialReport'),
        status: 201,
      }),
      { prepare: approved },
    ),
    op('listHouseholdSocialReports', () => ({
      method: 'GET',
      path: `${c}/households/${HOUSEHOLD}/social-reports?limit=25`,
      token: manager,
    })),
    op('getSocialReportPdf', () => ({
      method: 'GET',
      path: `${c}/social-reports/${readReport.report}/pdf`,
      token: manager,
      headers: PDF,
    })),
  ];
}
