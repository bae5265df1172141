import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Language } from '#domain/taxonomy.js';
import { logger } from '#kernel/logger.js';
import type { Caller } from '#model/caller.js';
import type { Preconditions } from './conditional.js';
import { jsonAnswers, problemAnswers } from './middlewares/answers.js';
import { authorization } from './middlewares/authorization.js';
import type { HouseContext, HouseMiddleware, HouseResult } from './middlewares/house.js';
import { idempotency } from './middlewares/idempotency.js';
import { languageOf } from './middlewares/language.js';
import { validation } from './middlewares/validation.js';
import type { HttpOutput } from './output.js';
import { acceptsIdempotencyKey, type RouteDefinition } from './route.js';

export interface HttpInput<P, Q, B> {
  readonly event: APIGatewayProxyEvent;
  readonly caller: Caller;
  readonly language: Language;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** If-Match / If-None-Match, for handlers that change a versioned record (route.ifMatch). */
  readonly preconditions: Preconditions;
}

export type { HttpOutput };

/**
 * The idempotency middleware, for the routes that take an Idempotency-Key only: the others never had a key to keep.
 * The bundle of a handler whose routes take none is built with `process.env.SWCS_IDEMPOTENCY` defined as "off"
 * (lib/constructs/bundle-aliases.ts): the branch goes at build time, the middleware is then unused, and the
 * idempotency store and its DynamoDB client leave the bundle with it.
 */
const idempotencyOf = (route: RouteDefinition): HouseMiddleware[] =>
  process.env.SWCS_IDEMPOTENCY !== 'off' && acceptsIdempotencyKey(route) ? [idempotency(route)] : [];

/**
 * The house chain every API route runs in, as middy middlewares: the log context, the caller's language, the
 * caller from verified claims with its role checked against the route table, the input validated with the
 * route's own schemas, the idempotency key, then the logic; its output becomes a JSON answer, and any error on
 * the way a problem document (one place maps errors: middlewares/answers.ts).
 */
export function httpHandler<P = unknown, Q = unknown, B = unknown>(
  route: RouteDefinition,
  logic: (input: HttpInput<P, Q, B>) => Promise<HttpOutput>,
) {
  // Order matters: `before`s run in this order, `after`s and `onError`s in the reverse one.
  return (
    middy<APIGatewayProxyEvent, HouseResult, Error, HouseContext>()
      // Never the event, whatever POWERTOOLS_LOGGER_LOG_EVENT says: bodies carry national IDs, names and phones.
      .use(injectLambdaContext(logger, { logEvent: false }))
      .use(languageOf())
      .use(problemAnswers())
      .use(jsonAnswers(route))
      .use(authorization(route))
      .use(validation(route))
      .use(idempotencyOf(route))
      .handler((event, context) => {
        const { caller, language, params, query, body, preconditions } = context.house;
        return logic({
          event,
          caller,
          language,
          params: params as P,
          query: query as Q,
          body: body as B,
          preconditions,
        });
      })
  );
}
