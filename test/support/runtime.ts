import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../functions/model/roles.js';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../lib/local/runtime.js';
import { issueToken } from '../../lib/local/tokens.js';
import { checkedFetch } from './conformance.js';

export interface ApiAnswer {
  readonly status: number;
  // tests read arbitrary JSON answers
  readonly body: any;
  readonly headers: Headers;
}

export interface TestRuntime extends LocalRuntime {
  token(role: Role | Role[], cantonId: string, userId?: string): Promise<string>;
  api(
    method: string,
    path: string,
    options?: {
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      /** Skip the check of the answer against /openapi.json (the benchmarks' timed runs, which time the API alone). */
      unchecked?: boolean;
    },
  ): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

/**
 * The real local runtime (embedded DynamoDB in memory, real handlers behind the gateway) on a free port; without
 * the demo seeds unless asked, so each test file starts from cantons alone.
 */
export async function startTestRuntime(
  options: {
    seed?: boolean;
    log?: (line: string) => void;
    publicUrl?: string;
    /** As LocalRuntimeOptions.citizenMailFrom: `false` runs as a stage that cannot e-mail citizens. */
    citizenMailFrom?: string | false;
    onInvoke?: LocalRuntimeOptions['onInvoke'];
  } = {},
): Promise<TestRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swcs-test-'));
  const runtime = await startLocalRuntime({
    dataDir,
    inMemory: true,
    port: 0,
    seed: options.seed ?? false,
    ...(options.log ? { log: options.log } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.citizenMailFrom !== undefined ? { citizenMailFrom: options.citizenMailFrom } : {}),
    ...(options.onInvoke ? { onInvoke: options.onInvoke } : {}),
  });
  return {
    ...runtime,
    close: runtime.close,
    async token(role, cantonId, userId) {
      const roles = Array.isArray(role) ? role : [role];
      const canton = runtime.cantons.find((c) => c.id === cantonId);
      const staff = canton?.staff.find((s) => roles.some((r) => s.roles.includes(r)));
      return issueToken(runtime.keys, { userId: userId ?? staff?.id ?? `test.${roles[0]}`, cantonId, roles });
    },
    async api(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const send = options.unchecked ? fetch : checkedFetch;
      const response = await send(`${runtime.url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async stop() {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid intake body; `overrides` replace top-level fields. */
export function intakeBody(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'phone',
    citizen: {
      identification: 'national-id',
      nationalId: '1710034065',
      name: { given: 'Rosa', family: 'Guamán' },
    },
    contact: { phone: '+593991234567', preferredChannel: 'phone' },
    description: 'Perdió su vivienda en el deslave de ayer',
    classification: { category: 'urgent', subcategory: 'home-destroyed' },
    urgency: 'high',
    consent: { dataSharing: 'given' },
    ...overrides,
  };
}

/** A valid body to open a complaint case (a suggestion by phone, from a citizen by national ID); `overrides` replace top-level fields. */
export function complaintBody(overrides: Record<string, unknown> = {}) {
  return {
    type: 'suggestion',
    concerns: { kind: 'other', text: 'Atención en ventanilla' },
    channel: 'phone',
    complainant: {
      identification: 'national-id',
      nationalId: '1710034065',
      name: { given: 'Rosa', family: 'Guamán' },
    },
    contact: { phone: '+593991234567', preferredChannel: 'sms' },
    description: 'La fila de la mañana no avanzó',
    ...overrides,
  };
}
