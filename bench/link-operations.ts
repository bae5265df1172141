import { clock } from '../functions/kernel/clock.js';
import { LinkBrowser, linkPathIn, verificationCodeFor } from '../test/support/link-client.js';
import {
  CANTON,
  type BenchRuntime,
  type ReferralFixture,
  counterReferralBody,
  OP_HEADER,
} from './fixture.js';
import { apiOperation, checked, documented, type Ids, type Operation, setUp } from './operation.js';
import { until } from './stats.js';

/**
 * What happens around a referral beyond its transitions: the contact officer's short-link pages (opened from the
 * SMS, the device verified by a code sent to their phone, then answered), revoking those links, the citizen's
 * confirmation that they were served (the operators' call-back list) and re-routing a stuck referral — as
 * test/handlers/link-page.test.ts, citizen-confirmation.test.ts and reroute.test.ts drive them.
 */
export async function referralAroundOperations(rt: BenchRuntime, fx: ReferralFixture): Promise<Operation[]> {
  const c = `/cantons/${CANTON}`;
  const [operator, officer] = [fx.operator, fx.officer];
  const service = await setUp(rt, 'shelter', {
    method: 'GET',
    path: `${c}/services/${fx.serviceId}`,
    token: fx.coordinator,
  });
  const organization = await setUp(rt, 'shelter organization', {
    method: 'GET',
    path: `${c}/organizations/${fx.organizationId}`,
    token: fx.coordinator,
  });
  const phone = (organization.contactOfficers as { id: string; phone: string }[]).find(
    (o) => o.id === service.contactOfficerIds[0],
  )?.phone as string;

  /** A referral waiting for its acknowledgement, and the path of the short link its contact officer got by SMS. */
  const pending = async (overrides?: Record<string, unknown>): Promise<Ids> => {
    const request = await fx.newRequest(overrides);
    const { referralId, reference } = await fx.refer(request);
    await fx.waitForWait(referralId, 'acknowledgement');
    const link = await until(() => linkPathIn(rt.runtime, reference, phone), `the SMS of ${reference}`);
    return { request, referral: referralId, link };
  };
  /** A referral its contact officer completed, for a citizen without a phone: on the call-back list at once. */
  const completed = async (): Promise<Ids> => {
    const request = await fx.newRequest({ contact: { email: 'rosa@example.org' } });
    const { referralId } = await fx.refer(request);
    await fx.waitForWait(referralId, 'acknowledgement');
    await fx.move(referralId, { action: 'accept' });
    await fx.waitForWait(referralId, 'counterReferral');
    await fx.move(referralId, counterReferralBody());
    return { referral: referralId };
  };
  /** A referral the provider rejected for lack of capacity (another provider may have room), and where to next. */
  const stuck = async (): Promise<Ids> => {
    const ids = await pending();
    await fx.move(ids.referral as string, { action: 'reject', reason: { code: 'no-capacity' } });
    const offered = await setUp(rt, 'alternatives', {
      method: 'GET',
      path: `${c}/referrals/${ids.referral}/alternatives`,
      token: officer,
    });
    const next = (offered.services as { serviceId: string; eligible: boolean }[]).find((s) => s.eligible);
    if (!next) throw new Error(`No service to re-route ${ids.referral} to: ${JSON.stringify(offered)}`);
    return { ...ids, service: next.serviceId };
  };

  // The officer's phone: one browser whose device is verified (its session serves every link sent to the officer),
  // and a fresh browser per link for the steps before it is. A second code is sent only after a minute: the clock
  // moves on a minute before each.
  const verified = new LinkBrowser(rt.runtime);
  const fresh = new Map<string, LinkBrowser>();
  const sendCode = async (browser: LinkBrowser, link: string) => {
    clock.advance(61_000);
    const answer = await browser.post(link, { intent: 'send-code' });
    checked({ status: answer.status, body: answer.text.slice(0, 200) }, 200, 'send-code');
    return until(() => verificationCodeFor(rt.runtime, phone), 'the verification code');
  };
  const readLink = await pending();
  await verified.open(readLink.link as string);
  const code = await sendCode(verified, readLink.link as string);
  const session = await verified.post(readLink.link as string, { intent: 'verify', code });
  checked({ status: session.status, body: session.text.slice(0, 200) }, 303, 'verify');
  const opened = async (browser: LinkBrowser): Promise<Ids> => {
    const ids = await pending();
    await browser.open(ids.link as string);
    return ids;
  };
  const page = (
    label: string,
    prepare: () => Promise<Ids>,
    answer: (ids: Ids) => Promise<{ status: number; text: string }>,
    status: number,
  ): Operation => ({
    label,
    operationId: label.split(':')[0] as string,
    prepare,
    async run(ids) {
      const got = await answer(ids);
      checked({ status: got.status, body: got.text.slice(0, 300) }, status, label);
      return {};
    },
  });
  const browserOf = (ids: Ids) => fresh.get(ids.link as string) as LinkBrowser;
  const unverified = async () => {
    const browser = new LinkBrowser(rt.runtime);
    const ids = await opened(browser);
    fresh.set(ids.link as string, browser);
    return ids;
  };

  const op = apiOperation.bind(null, rt);
  return [
    // The page as the verified officer sees it: the referral, the citizen (with consent) and the answers.
    page(
      'openLinkPage',
      async () => readLink,
      (ids) => verified.open(ids.link as string, { [OP_HEADER]: 'openLinkPage' }),
      200,
    ),
    page(
      'answerLinkPage:send-code',
      unverified,
      (ids) => {
        clock.advance(61_000);
        return browserOf(ids).post(
          ids.link as string,
          { intent: 'send-code' },
          { headers: { [OP_HEADER]: 'answerLinkPage:send-code' } },
        );
      },
      200,
    ),
    page(
      'answerLinkPage:verify',
      async () => {
        const ids = await unverified();
        return { ...ids, code: await sendCode(browserOf(ids), ids.link as string) };
      },
      (ids) =>
        browserOf(ids).post(
          ids.link as string,
          { intent: 'verify', code: ids.code as string },
          { headers: { [OP_HEADER]: 'answerLinkPage:verify' } },
        ),
      303,
    ),
    page(
      'answerLinkPage:accept',
      () => opened(verified),
      (ids) =>
        verified.post(
          ids.link as string,
          { intent: 'act', action: 'accept' },
          { headers: { [OP_HEADER]: 'answerLinkPage:accept' } },
        ),
      303,
    ),
    op(
      'revokeReferralLinks',
      (ids) => ({
        method: 'POST',
        path: `${c}/referrals/${ids.referral}/link-revocation`,
        token: officer,
        body: documented('revokeReferralLinks'),
      }),
      { prepare: () => pending() },
    ),
    op('closuresToConfirm', () => ({
      method: 'GET',
      path: `${c}/referrals/to-confirm?limit=25`,
      token: operator,
    })),
    op(
      'recordCitizenConfirmation',
      (ids) => ({
        method: 'POST',
        path: `${c}/referrals/${ids.referral}/confirmation`,
        token: operator,
        body: documented('recordCitizenConfirmation'),
      }),
      { prepare: completed },
    ),
    op(
      'referralAlternatives',
      (ids) => ({ method: 'GET', path: `${c}/referrals/${ids.referral}/alternatives`, token: officer }),
      { prepare: stuck },
    ),
    op(
      'rerouteReferral',
      (ids) => ({
        method: 'POST',
        path: `${c}/referrals/${ids.referral}/reroute`,
        token: officer,
        body: { serviceId: ids.service },
        status: 201,
      }),
      { prepare: stuck },
    ),
  ];
}
