import { describe, expect, it } from 'vitest';
import type { OpenLink } from '../../functions/app/links/link-page.js';
import { layout } from '../../functions/http/pages/html.js';
import { deadLinkPage, unverifiedPage, verifiedPage } from '../../functions/http/pages/link-page.js';

/** The link page's views on their own: the recipient's language, escaping, consent, and the dead-link text. */
function openLink(overrides: Partial<OpenLink> = {}): OpenLink {
  return {
    state: 'valid',
    link: {
      cantonId: 'quito',
      referralId: '01JREF',
      recipient: { id: 'o1', kind: 'contact-officer', userId: 'u1' },
      createdAt: '2026-11-25T15:00:00Z',
      expiresAt: '2026-12-25T15:00:00Z',
    },
    referral: {
      reference: 'F9MZ-NGF8',
      status: 'requested',
      service: {
        cantonId: 'quito',
        serviceId: 's',
        organizationId: 'o',
        name: 'Comedor <Santa Fe> & "Hogar"',
      },
      deadlines: { acknowledgement: '2026-11-25T22:00:00Z' },
      contactOfficers: [{ id: 'o1', userId: 'u1', preferredChannel: 'sms', language: 'en' }],
      referringOfficer: 'x',
      protocol: { definition: { counterReferral: { requiredFields: ['assisted', 'outcome'] } } },
      calendar: { timeZone: 'America/Guayaquil' },
    } as never,
    history: [],
    canton: { timeZone: 'America/Guayaquil' } as never,
    officer: { id: 'o1', userId: 'u1', name: 'Ana', phone: '+593990000001', email: 'a@x.org' } as never,
    language: 'en',
    verified: false,
    codePending: false,
    ...overrides,
  };
}

const render = (view: { title: string; body: { html: string } }, language: 'es' | 'en') =>
  layout({ language, title: view.title, body: view.body });

describe('the link page views', () => {
  it('speak the recipient’s language and escape what the catalogue wrote', () => {
    const page = render(unverifiedPage(openLink(), 'token'), 'en');
    expect(page).toMatch(/^<!doctype html><html lang="en">/);
    expect(page).toContain('Confirm it is you');
    expect(page).toContain('Wednesday 25/11/2026 17:00');
    expect(page).toContain('Comedor &lt;Santa Fe&gt; &amp; &quot;Hogar&quot;');
    expect(page).not.toContain('<Santa Fe>');
  });

  it('show no citizen without consent, and the answers the lifecycle allows', () => {
    const page = render(verifiedPage(openLink({ verified: true }), 'token', 'no-consent'), 'en');
    expect(page).toContain('did not consent to share their details');
    for (const label of ['Acknowledge', 'Accept the person', 'Reject']) expect(page).toContain(label);
    expect(page).not.toContain('Complete: send the counter-referral');
  });

  it('say the same few Spanish words for every dead link, naming nothing', () => {
    for (const state of ['unknown', 'expired', 'revoked'] as const) {
      const page = render(deadLinkPage(state), 'es');
      expect(page).toMatch(/lang="es"/);
      expect(page).toContain('Ventanilla Única de Servicios de su cantón');
      expect(Buffer.byteLength(page)).toBeLessThan(8 * 1024);
    }
  });
});
