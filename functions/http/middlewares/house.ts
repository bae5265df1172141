import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Language } from '#domain/taxonomy.js';
import type { Caller } from '#model/caller.js';
import type { Preconditions } from '../conditional.js';
import type { HeldKey } from '../idempotency.js';
import type { HttpOutput } from '../output.js';

/**
 * What the house chain's middlewares learn about a request, kept on the Lambda context (middy's way of handing
 * values to the handler): each `before` fills its part, the route's logic reads all of it.
 */
export interface HouseState {
  language: Language;
  caller: Caller;
  params: unknown;
  query: unknown;
  body: unknown;
  preconditions: Preconditions;
  /** The Idempotency-Key this attempt holds, if any. */
  heldKey?: HeldKey;
}

export type HouseContext = Context & { house: HouseState };

/** The route's logic answers an HttpOutput; the answer middleware turns it into API Gateway's result. */
export type HouseResult = APIGatewayProxyResult | HttpOutput;

export type HouseRequest = middy.Request<APIGatewayProxyEvent, HouseResult, Error, HouseContext>;

export type HouseMiddleware = middy.MiddlewareObj<APIGatewayProxyEvent, HouseResult, Error, HouseContext>;

/** A request header by its lower-case name (API Gateway keeps the client's spelling). */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? (headers[key] ?? undefined) : undefined;
}
