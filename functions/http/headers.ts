import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * Headers every answer carries. Answers hold personal data or change with it, so no cache (a shared computer at a
 * front desk, a proxy) keeps them; and a browser console must never guess a content type (`nosniff`).
 * Strict-Transport-Security is set on AWS by API Gateway's custom domain and by this header: the API is only
 * served over HTTPS there (locally it is plain HTTP on loopback, where the header is ignored by browsers).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/**
 * Browser consoles of other origins (the call centre's, the front desk's) may call the API when their origin is
 * listed in SWCS_CORS_ORIGINS (comma-separated, per stage: the CDK stack sets it from the `corsOrigins` context;
 * `npm start` from the environment). Nothing is allowed by default.
 */
export function allowedOrigins(): ReadonlySet<string> {
  return new Set(
    (process.env.SWCS_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  );
}

export const CORS_ALLOWED_HEADERS =
  'Authorization, Content-Type, Accept-Language, Idempotency-Key, If-Match, If-None-Match';
export const CORS_EXPOSED_HEADERS = 'ETag, Location, Idempotent-Replayed, X-Request-Id, Content-Language';

/** The CORS headers of an answer to a request from `Origin`, when that origin is allowed. */
export function corsHeaders(event: Pick<APIGatewayProxyEvent, 'headers'>): Record<string, string> {
  const origin = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
  if (!origin || !allowedOrigins().has(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': CORS_EXPOSED_HEADERS,
    vary: 'Origin',
  };
}
