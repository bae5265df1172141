import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Caller } from '#model/caller.js';
import { isRole, type Role } from '#model/roles.js';
import { unauthorized } from '#kernel/errors.js';

/**
 * API Gateway's Cognito authorizer (REST API) hands the verified claims to the function as strings; the local
 * gateway does the same after checking the token's signature. `cognito:groups` arrives as "a,b" from REST APIs
 * and as "[a b]" from HTTP APIs, so both forms are accepted.
 */
export function callerFrom(event: APIGatewayProxyEvent): Caller {
  const claims = (event.requestContext?.authorizer?.claims ?? undefined) as
    Record<string, unknown> | undefined;
  if (!claims) throw unauthorized();
  const userId = String(claims['cognito:username'] ?? claims.sub ?? '');
  const cantonId = String(claims['custom:canton'] ?? '');
  if (!userId || !cantonId) throw unauthorized();
  return { userId, cantonId, roles: parseGroups(claims['cognito:groups']) };
}

export function parseGroups(raw: unknown): Role[] {
  const list = Array.isArray(raw)
    ? raw.map(String)
    : String(raw ?? '')
        .replace(/^\[|\]$/g, '')
        .split(/[,\s]+/);
  return list.map((g) => g.trim()).filter(isRole);
}
