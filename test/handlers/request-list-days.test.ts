import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../functions/domain/deadlines.js';
import { clock } from '../../functions/kernel/clock.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { quitoDay } from '../support/quito-day.js';

/**
 * The request list's `from`/`to` as an operator in Quito means them: a bare date is Quito's calendar day, so a
 * request recorded at 20:00 there — 01:00 UTC, already the next UTC date — is in "today"; a date-time with its
 * offset stays the instant it names.
 */
let rt: TestRuntime;
let operator: string;
let requestId: string;
/** The Quito date the request was recorded on (its UTC date is the day after). */
let day: string;

const HOUR = 3_600_000;

beforeAll(async () => {
  rt = await startTestRuntime();
  // The product clock moves to the next 01:00 UTC: 20:00 in Quito.
  const now = clock.now().getTime();
  const next = Math.ceil((now - HOUR) / (24 * HOUR)) * 24 * HOUR + HOUR;
  clock.advance(next - now);
  operator = await rt.token('operator', 'quito');
  const recorded = await rt.api('POST', '/cantons/quito/requests', { token: operator, body: intakeBody() });
  expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  requestId = recorded.body.requestId;
  expect(recorded.body.createdAt).toMatch(/T01:00:/);
  day = quitoDay();
  expect(recorded.body.createdAt.slice(0, 10)).toBe(addDays(day, 1));
});
afterAll(() => rt?.stop());

const listed = async (query: string) => {
  const answer = await rt.api('GET', `/cantons/quito/requests?${query}`, { token: operator });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.items.map((r: { requestId: string }) => r.requestId) as string[];
};

describe("the request list's date filter", () => {
  it('holds a request recorded at 20:00 in Quito in that Quito day, not in the next one (its UTC date)', async () => {
    expect(await listed(`from=${day}&to=${day}`)).toContain(requestId);
    expect(await listed(`to=${day}`)).toContain(requestId);
    expect(await listed(`from=${day}`)).toContain(requestId);
    const utcDate = addDays(day, 1);
    expect(await listed(`from=${utcDate}&to=${utcDate}`)).not.toContain(requestId);
    expect(await listed(`from=${utcDate}`)).not.toContain(requestId);
    expect(await listed(`to=${addDays(day, -1)}`)).not.toContain(requestId);
  });

  it('keeps a date-time with its offset as the instant it names', async () => {
    const at = (time: string) => encodeURIComponent(`${day}T${time}-05:00`);
    expect(await listed(`from=${at('19:59:00')}&to=${at('20:01:00')}`)).toContain(requestId);
    expect(await listed(`to=${at('19:59:59')}`)).not.toContain(requestId);
    expect(await listed(`from=${at('20:01:00')}`)).not.toContain(requestId);
    const utc = encodeURIComponent(`${addDays(day, 1)}T00:59:00Z`);
    expect(await listed(`from=${utc}`)).toContain(requestId);
  });

  it('takes a date-time and a bare date together, comparing them as the instants they mean in Quito', async () => {
    // From 19:00 that evening to the end of that Quito day: the UTC date of `from` is already the next one.
    const evening = encodeURIComponent(`${day}T19:00:00-05:00`);
    expect(await listed(`from=${evening}&to=${day}`)).toContain(requestId);
    const night = encodeURIComponent(`${day}T23:00:00-05:00`);
    expect(await listed(`from=${day}&to=${night}`)).toContain(requestId);
    // The next Quito day starts after 23:00 of this one: a range that ends before it begins names `to`.
    const inverted = await rt.api('GET', `/cantons/quito/requests?from=${addDays(day, 1)}&to=${night}`, {
      token: operator,
    });
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors).toEqual([{ parameter: 'to', detail: expect.stringMatching(/"from"/) }]);
  });
});
