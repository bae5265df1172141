import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { until } from '../support/link-client.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The contact officer's walk on a phone, in a real browser: headless Chromium (shipped inside the npm package
 * @sparticuz/chromium, driven by puppeteer-core) at 360 × 740. The link comes from the outbox as the SMS would
 * bring it, the code from the outbox as the phone would show it; then accept and the counter-referral, and the
 * API says the referral and its request are where they should be. Then the citizen answers the SMS that asks
 * whether she was served: yes, with a rating. SWCS_SCREENSHOTS=<folder> keeps the pictures (docs/ holds three).
 */
const PHONE = '+593997013486';
const CITIZEN = '+593991234567'; // the citizen's phone in intakeBody
let rt: TestRuntime;
let browser: Browser;
let page: Page;
let token: string;
const shots = process.env.SWCS_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'swcs-shots-'));

interface OutboxItem {
  readonly to: string;
  readonly message: string;
}
const outbox = async (query = ''): Promise<OutboxItem[]> =>
  ((await (await fetch(`${rt.url}/_local/outbox${query}`)).json()) as { items: OutboxItem[] }).items;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  token = await rt.token('swcs-officer', 'quito');
  browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  });
  page = await browser.newPage();
  await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  // No script runs on the page, whatever it holds.
  await page.setJavaScriptEnabled(false);
});

afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

async function shoot(name: string) {
  const path = join(shots, name);
  await page.screenshot({ path, fullPage: true });
  const png = readFileSync(path);
  // The PNG header's width: the phone's 360 px.
  expect(png.readUInt32BE(16)).toBe(360);
}

/** Submits the form around the element `selector`, as a tap on it does, and waits for the next page. */
async function tap(selector: string) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

describe('a contact officer on a phone, then the citizen', () => {
  it('opens the link from the outbox, enters the code, accepts and completes the counter-referral; the citizen confirms', async () => {
    // The citizen consented to be contacted by SMS: she will be asked whether she was served.
    const request = await rt.api('POST', '/cantons/quito/requests', {
      token,
      body: intakeBody({ consent: { dataSharing: 'given', contact: 'given' } }),
    });
    const referral = (
      await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
        token,
        body: { serviceId: 'psj-albergue-emergencias' },
      })
    ).body;
    const sms = await until(
      async () => (await outbox(`?referral=${referral.reference}`)).find((m) => m.to === PHONE),
      'the SMS',
    );
    const link = sms.message.match(/https?:\/\/\S+\/r\/[0-9A-Za-z]{11}/)?.[0] as string;

    const opened = await page.goto(link);
    expect(opened?.status()).toBe(200);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(`Derivación ${referral.reference}`);
    // Nothing is wider than the phone.
    expect(await page.$eval('html', (html) => html.scrollWidth)).toBeLessThanOrEqual(360);
    await shoot('link-page-before-verification.png');

    await tap('form:last-of-type button[type=submit]');
    const code = await until(
      async () =>
        (await outbox())
          .find((m) => m.to === PHONE && m.message.includes('verificacion'))
          ?.message.match(/\d{6}/)?.[0],
      'the verification code',
    );
    await page.type('#code', code);
    await tap('form:has(#code) button[type=submit]');
    expect(await page.$eval('main', (m) => m.textContent)).toContain('Rosa Guamán');
    const session = (await browser.cookies()).find((c) => c.name === 'swcs_link_session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });

    await tap('form:has(input[value=accept]) button');
    expect(
      (await rt.api('GET', `/cantons/quito/referrals/${referral.referralId}`, { token })).body.status,
    ).toBe('accepted');

    // The counter-referral form, opened like a person opens it, and filled from the protocol's fields.
    await page.click('details:has(input[value=complete]) summary');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(clock.now());
    await page.click('#complete-cr-assisted-yes');
    await page.type('#complete-cr-outcome', 'Familia alojada en el albergue');
    await page.$eval(
      '#complete-cr-dateServed',
      (input, value) => {
        (input as unknown as { value: string }).value = value;
      },
      today,
    );
    await page.select('#complete-cr-reasonCode', 'other');
    await page.type('#complete-cr-reasonText', 'Albergue temporal');
    await page.click('#complete-cf-temporaryShelterProvided-yes');
    await page.type('#complete-cf-householdMembersAffected', '4');
    await page.type('#complete-cr-note', 'Cuatro personas');
    await shoot('link-page-counter-referral.png');
    await tap('details:has(input[value=complete]) button[type=submit]');
    expect(await page.$eval('main', (m) => m.textContent)).toContain('Esta derivación ya está cerrada');

    const done = (await rt.api('GET', `/cantons/quito/referrals/${referral.referralId}`, { token })).body;
    expect(done.status).toBe('completed');
    expect(done.counterReferral).toMatchObject({
      assisted: true,
      outcome: 'Familia alojada en el albergue',
      dateServed: today,
      customFields: { temporaryShelterProvided: true, householdMembersAffected: 4 },
    });
    const closed = await rt.api('GET', `/cantons/quito/requests/${request.body.requestId}`, { token });
    expect(closed.body.status).toBe('closed');

    // The citizen's turn: one SMS with her own link, one question, yes and a rating.
    const asked = await until(
      async () =>
        (await outbox(`?referral=${request.body.reference}`)).find(
          (m) => m.to === CITIZEN && m.message.includes('Recibio el servicio'),
        ),
      "the citizen's SMS",
    );
    const citizenLink = asked.message.match(/https?:\/\/\S+\/r\/[0-9A-Za-z]{11}/)?.[0] as string;
    await browser.deleteCookie(...(await browser.cookies()));
    expect((await page.goto(citizenLink))?.status()).toBe(200);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('¿Recibió el servicio?');
    expect(await page.$eval('html', (html) => html.scrollWidth)).toBeLessThanOrEqual(360);
    await page.click('#answer-confirmed');
    await page.click('#rating-5');
    await shoot('citizen-confirmation.png');
    await tap('form button[type=submit]');
    expect(await page.$eval('main', (m) => m.textContent)).toContain('Gracias por su respuesta');
    const confirmed = (await rt.api('GET', `/cantons/quito/referrals/${referral.referralId}`, { token }))
      .body;
    expect(confirmed.citizenConfirmation).toMatchObject({ answer: 'confirmed', rating: 5, via: 'link' });
    // The same link again: already answered, no form.
    await page.goto(citizenLink);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Esta pregunta ya fue respondida');
    expect(await page.$('input[name=answer]')).toBeNull();
  });
});
