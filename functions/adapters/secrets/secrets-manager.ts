import { createRequire } from 'node:module';

// Required, not imported: an import of node:http builds its module namespace, whose WebSocket, CloseEvent and
// MessageEvent getters load undici, Node's fetch: about 35 ms of a cold start on Node 22 and 24 for the one function
// this module needs. `require` hands over the exports object and touches none of them (lint:layers forbids the
// import in Lambda code).
const { get } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

/**
 * The text of a Secrets Manager secret (undefined when it has none), read through the AWS Parameters and Secrets
 * Lambda Extension: a layer every function granted a secret carries (lib/constructs/swcs-function.ts), answering on
 * localhost with what GetSecretValue returns, cached for the execution environment. AWS recommends it over the SDK
 * client in Lambda, and it spares each bundle the Secrets Manager client (13 KB of a 300 KB budget). The extension
 * only serves callers that present the function's session token, so no other process on the host can ask it.
 * Callers keep what they read; the extension's own cache serves the next container.
 */
export async function secretString(arn: string): Promise<string | undefined> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`;
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(
      url,
      { headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    ).on('error', reject);
  });
  // The extension's error text names the secret and the cause, never the value.
  if (status !== 200)
    throw new Error(`The secrets extension answered ${status} for ${arn}: ${body.slice(0, 200)}`);
  return (JSON.parse(body) as { SecretString?: string }).SecretString;
}
