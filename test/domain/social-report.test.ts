import { describe, expect, it } from 'vitest';
import {
  approveReport,
  canonicalJson,
  draftCorrection,
  editDraft,
  signatureIntact,
  signedContent,
  sha256Hex,
  signReport,
  supersede,
  type SocialReport,
} from '../../functions/domain/social-report.js';
import type { Caller } from '../../functions/model/caller.js';
import { AppError } from '../../functions/kernel/errors.js';
import { EXAMPLE_REPORT } from '../support/printable-documents.js';

const author: Caller = { userId: 'uio.gestora', cantonId: 'quito', roles: ['case-manager'] };
const head: Caller = { userId: 'uio.jefatura', cantonId: 'quito', roles: ['head-of-department'] };
const NOW = '2026-12-02T10:00:00.000Z';

const draft: SocialReport = (() => {
  const { signature: _s, approval: _a, ...rest } = EXAMPLE_REPORT;
  return { ...rest, status: 'draft', version: 1 };
})();

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.statusCode : -1;
  }
}

describe('the canonical signed content', () => {
  it('is one text for one value: keys sorted at every level, no spaces, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: 'ñ' } })).toBe(
      '{"a":{"c":"ñ","d":[2,{"z":1}]},"b":1}',
    );
  });

  it('covers every word of the report and the signer, so any change breaks the hash', () => {
    const { report } = signReport(draft, {
      caller: author,
      now: NOW,
      signerName: 'Verónica Chiriboga',
      approvalRequired: true,
    });
    expect(signatureIntact(report)).toBe(true);
    const s = report.signature as NonNullable<SocialReport['signature']>;
    expect(s.hash).toBe(sha256Hex(signedContent(report, s)));
    expect(signatureIntact({ ...report, opinion: `${report.opinion} ` })).toBe(false);
    expect(signatureIntact({ ...report, members: report.members.slice(0, 1) })).toBe(false);
    expect(signatureIntact({ ...report, signature: { ...s, at: '2026-12-03T10:00:00.000Z' } })).toBe(false);
    // The status, version and approval are not signed content: approving does not break the signature.
    expect(signatureIntact(approveReport(report, { caller: head, now: NOW, approverName: 'P' }).report)).toBe(
      true,
    );
  });
});

describe('the rules of a report', () => {
  const signed = signReport(draft, {
    caller: author,
    now: NOW,
    signerName: 'V',
    approvalRequired: true,
  }).report;

  it('only its author edits and signs a draft; a signed report does not change (409)', () => {
    expect(statusOf(() => editDraft(draft, draft, head, NOW))).toBe(403);
    expect(
      statusOf(() => signReport(draft, { caller: head, now: NOW, signerName: 'P', approvalRequired: true })),
    ).toBe(403);
    expect(statusOf(() => editDraft(signed, draft, author, NOW))).toBe(409);
    expect(
      statusOf(() =>
        signReport(signed, { caller: author, now: NOW, signerName: 'V', approvalRequired: true }),
      ),
    ).toBe(409);
  });

  it('approval: never the author (403), never a draft (409), only where required (409)', () => {
    expect(statusOf(() => approveReport(signed, { caller: author, now: NOW, approverName: 'V' }))).toBe(403);
    expect(statusOf(() => approveReport(draft, { caller: head, now: NOW, approverName: 'P' }))).toBe(409);
    expect(
      statusOf(() =>
        approveReport({ ...signed, approvalRequired: false }, { caller: head, now: NOW, approverName: 'P' }),
      ),
    ).toBe(409);
    expect(
      approveReport(signed, { caller: head, now: NOW, approverName: 'P', note: 'Conforme' }).report,
    ).toMatchObject({
      status: 'approved',
      approval: { by: 'uio.jefatura', note: 'Conforme' },
    });
  });

  it('a correction copies the content as a new edition; signing it supersedes the old one', () => {
    expect(
      statusOf(() =>
        draftCorrection(draft, {
          caller: author,
          reportId: 'X',
          now: NOW,
          reason: 'r',
          approvalRequired: true,
        }),
      ),
    ).toBe(409);
    const { correction, old } = draftCorrection(signed, {
      caller: author,
      reportId: '01JD6B3C4D5E6F7G8H9J0K1M2N',
      now: NOW,
      reason: 'Fecha mal escrita',
      approvalRequired: true,
    });
    expect(correction.report).toMatchObject({
      status: 'draft',
      edition: 2,
      supersedes: signed.reportId,
      opinion: signed.opinion,
    });
    expect(old.report).toMatchObject({
      status: 'signed',
      pendingCorrection: correction.report.reportId,
      version: signed.version + 1,
    });
    expect(
      statusOf(() =>
        draftCorrection(old.report, {
          caller: author,
          reportId: 'Y',
          now: NOW,
          reason: 'r',
          approvalRequired: true,
        }),
      ),
    ).toBe(409);
    const superseded = supersede(old.report, correction.report, author, NOW).report;
    expect(superseded).toMatchObject({ status: 'superseded', supersededBy: correction.report.reportId });
    expect(superseded.pendingCorrection).toBeUndefined();
    expect(statusOf(() => supersede(superseded, correction.report, author, NOW))).toBe(409);
  });
});
