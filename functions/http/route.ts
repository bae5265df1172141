import type { $ZodType as ZodType } from 'zod/v4/core';
import type { Role } from '#model/roles.js';

/**
 * What one API operation is: the CDK stack builds its API Gateway method and Lambda function from it, the local
 * runtime dispatches to it, its handler validates input with its schemas and checks its roles, and the OpenAPI
 * document describes it. Each capability lists its own in routes/<capability>.ts; lib/api/routes.ts gathers them.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  /** operationId in OpenAPI, and the base of the Lambda function's construct id. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway style path, with {parameters}. */
  readonly path: string;
  /** Module under functions/ (without extension) whose `handler` export serves the route. */
  readonly handler: string;
  /** Public routes carry no token; every other route needs a verified bearer token. */
  readonly auth: 'public' | 'token';
  /** Roles allowed to call the route (any one of them); empty for public routes. */
  readonly roles: readonly Role[];
  /** What the function may do with the table: least privilege is the default. */
  readonly tableAccess: 'none' | 'read' | 'read-write';
  /**
   * The function answers referral workflows' task tokens (a contact officer's answer, a re-route). No route starts
   * an execution: a change that makes one due writes it to the workflow outbox in its own transaction
   * (adapters/dynamodb/workflow-starts.ts), and the table's stream starts it.
   */
  readonly answersReferralWorkflow?: boolean;
  /** The function answers complaint cases' clocks (a case acknowledged by its first activity, or resolved). */
  readonly answersComplaintClock?: boolean;
  /**
   * The function sends notices itself (a complaint's reply to the citizen, a contact officer's verification
   * code): SMS and canton topics, like the referral workflow's step.
   */
  readonly notifies?: boolean;
  /** The function e-mails citizens through SES (a complaint's reply): the stage's citizen sending identity. */
  readonly mailsCitizens?: boolean;
  /**
   * A page for people, not an API operation: every answer, errors included, is server-rendered HTML (text/html),
   * a body is a form (application/x-www-form-urlencoded), and the statuses it may answer are listed here with what
   * each means. See functions/http/pages/.
   */
  readonly page?: { readonly answers: Readonly<Record<number, string>> };
  /** The function signs pagination cursors, so it needs the cursor-signing secret. */
  readonly cursorKey?: boolean;
  /** The function hashes national IDs into keys, so it needs the national-ID key (NATIONAL_ID_KEY_ARN). */
  readonly nationalIdKey?: boolean;
  readonly summary: string;
  /** More than the summary: limits and behaviour a client must know (the operation's description). */
  readonly description?: string;
  readonly tag: string;
  readonly pathParams?: ZodType;
  readonly query?: ZodType;
  readonly body?: ZodType;
  readonly successStatus: 200 | 201;
  /**
   * The handler validates the body itself (the schema still documents it): for documents whose errors read better
   * from domain code than from a schema union, such as a protocol that is either a definition or an override.
   */
  readonly bodyCheckedByHandler?: boolean;
  /** Bodies above this are refused with 413 (default 64 KB: intake texts are short). */
  readonly maxBodyBytes?: number;
  readonly response?: ZodType;
  /**
   * The answer shows one record with a version: it carries that record's ETag, and a GET honours If-None-Match
   * (304). See functions/http/conditional.ts.
   */
  readonly etag?: boolean;
  /** The handler evaluates If-Match / If-None-Match against the record's current ETag before writing (412). */
  readonly ifMatch?: boolean;
  /**
   * The success answer is a file, not JSON (a PDF, say): the logic returns its bytes (a Uint8Array) as the body and
   * the chain answers them base64-encoded for API Gateway, which passes them on as binary (its binaryMediaTypes
   * list this type; a client asks with `Accept: <type>`). Errors stay problem documents.
   */
  readonly file?: { readonly contentType: 'application/pdf'; readonly description: string };
  /** Work too long for the call is accepted as a job: 202 with a Location header and this body. */
  readonly accepted?: { readonly description: string; readonly response: ZodType };
  /**
   * Why a POST takes no Idempotency-Key: it reads and changes nothing, so a retry is harmless as it is. Every other
   * POST takes one (functions/http/idempotency.ts).
   */
  readonly idempotencyExempt?: string;
}

/** POSTs create or act, so a retried one must not do it twice: they take an Idempotency-Key unless exempt. */
export const acceptsIdempotencyKey = (route: RouteDefinition): boolean =>
  route.method === 'POST' && route.auth === 'token' && !route.idempotencyExempt;

/** The media types of every file answer of the table: API Gateway must pass them as binary, not as text. */
export const binaryMediaTypesOf = (routes: readonly RouteDefinition[]): string[] => [
  ...new Set(routes.flatMap((r) => (r.file ? [r.file.contentType] : []))),
];

/** A lookup of one capability's routes by operationId, for its handlers; a wrong id fails at cold start. */
export function routeIn(routes: readonly RouteDefinition[]) {
  return (operationId: string): RouteDefinition => {
    const route = routes.find((r) => r.operationId === operationId);
    if (!route) throw new Error(`No route with operationId ${operationId}`);
    return route;
  };
}
