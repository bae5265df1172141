import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Language } from '#domain/taxonomy.js';
import { AppError } from '#kernel/errors.js';
import { logger } from '#kernel/logger.js';
import { conditionalAnswer } from '../conditional.js';
import { corsHeaders, SECURITY_HEADERS } from '../headers.js';
import type { HttpOutput } from '../output.js';
import { PROBLEM_CONTENT_TYPE, problemOf } from '../problems.js';
import type { RouteDefinition } from '../route.js';
import type { HouseMiddleware, HouseRequest } from './house.js';

const json = (
  statusCode: number,
  body: unknown,
  language: Language,
  headers: Readonly<Record<string, string>> = {},
  contentType = 'application/json; charset=utf-8',
): APIGatewayProxyResult => ({
  statusCode,
  headers: {
    ...headers,
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'content-language': language,
  },
  body: JSON.stringify(body),
});

/** The JSON answer of a route's output, with CORS and security headers, its ETag and any 304. */
export function answerOf(
  route: RouteDefinition,
  { event, context }: Pick<HouseRequest, 'event' | 'context'>,
  output: HttpOutput,
): APIGatewayProxyResult {
  const { language, preconditions } = context.house;
  if (output.body instanceof Uint8Array) {
    // A file (route.file): base64 for API Gateway, which hands the client the bytes (binaryMediaTypes).
    const file: APIGatewayProxyResult = {
      statusCode: output.statusCode ?? route.successStatus,
      headers: {
        ...corsHeaders(event),
        ...output.headers,
        ...SECURITY_HEADERS,
        'content-type': route.file?.contentType ?? 'application/octet-stream',
        'content-language': language,
      },
      body: Buffer.from(output.body).toString('base64'),
      isBase64Encoded: true,
    };
    return conditionalAnswer(route, preconditions, file, undefined);
  }
  const answer = json(output.statusCode ?? route.successStatus, output.body, language, {
    ...corsHeaders(event),
    ...output.headers,
  });
  return conditionalAnswer(route, preconditions, answer, output.body);
}

/** Last after the logic: its output becomes the HTTP answer. */
export const jsonAnswers = (route: RouteDefinition): HouseMiddleware => ({
  after: (request) => {
    request.response = answerOf(route, request, request.response as HttpOutput);
  },
});

/**
 * The one place where errors become HTTP answers, as RFC 9457 problem details; anything unexpected is a logged
 * 500 with a generic text. `instance` is the request's path (ids only: no personal data is ever in a path).
 */
export function errorResponse(
  error: unknown,
  language: Language,
  instance?: string,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult {
  if (error instanceof AppError) {
    const problem = problemOf(error.code, error.text, language, {
      status: error.statusCode,
      ...(instance ? { instance } : {}),
      errors: error.details,
    });
    return json(
      error.statusCode,
      problem,
      language,
      { ...headers, ...error.headers },
      `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    );
  }
  logger.error('Unhandled error', { error: error as Error });
  const problem = problemOf(
    'internal_error',
    {
      es: 'Error interno; el incidente quedó registrado',
      en: 'Internal error; the incident has been logged',
    },
    language,
    instance ? { instance } : {},
  );
  return json(500, problem, language, headers, `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
}

/** Any error of the chain or the logic answers as a problem document in the caller's language. */
export const problemAnswers = (): HouseMiddleware => ({
  onError: (request) => {
    const language = request.context.house?.language ?? 'es';
    request.response = errorResponse(request.error, language, request.event.path, corsHeaders(request.event));
  },
});
