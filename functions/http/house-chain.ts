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
import { languageOf } from './middlewares/language.js';
import { validation } from './middlewares/validation.js';
import type { HttpOutput } from './output.js';
import type { RouteDefinition } from './route.js';

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
 * The house chain every API route runs in, as middy middlewares: the log context, the caller's language, the
 * caller from verified claims with its role checked against the route table, the input validated with the
 * route's own schemas, the idempotency key (`keys`: handler.ts gives it), then the logic; its output becomes a
 * JSON answer, and any error on the way a problem document (one place maps errors: middlewares/answers.ts).
 */
export function houseChain<P = unknown, Q = unknown, B = unknown>(
  route: RouteDefinition,
  logic: (input: HttpInput<P, Q, B>) => Promise<HttpOutput>,
  keys: readonly HouseMiddleware[],
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
      .use([...keys])
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

/**
 * The house chain of a route that never reaches the table (`tableAccess: 'none'`: health, the OpenAPI document).
 * It is httpHandler without the idempotency middleware, in a module that does not import it: the middleware's store
 * imports the DynamoDB document client, whose package the bundler must keep once imported (it declares side
 * effects), so only a handler that never imports it bundles none of the AWS SDK.
 */
export function tablelessHandler(
  route: RouteDefinition,
  logic: (input: HttpInput<unknown, unknown, unknown>) => Promise<HttpOutput>,
) {
  if (route.tableAccess !== 'none') {
    throw new Error(
      `${route.operationId} reaches the table: its handler uses httpHandler (#http/handler.js)`,
    );
  }
  return houseChain(route, logic, []);
}
