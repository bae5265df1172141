import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { type Problem, PROBLEM_CONTENT_TYPE, problemOf } from '../../functions/http/problems.js';
import type { Localized } from '../../functions/kernel/messages.js';

/**
 * API Gateway's own answers (no token, unknown route, throttled, too large, function failed…) in the same RFC 9457
 * shape as the handlers' problems, so that a client reads every error one way. Gateway responses are static
 * templates: they cannot look at Accept-Language, so they speak the product's default language, Spanish; the
 * `code` tells a client what happened in any language. A REST API answers an unknown method on a known path as an
 * unknown route (no `Allow` header on AWS; the local gateway, which can, sends 405 with `Allow`).
 */
interface GatewayProblem {
  readonly type: apigw.ResponseType;
  readonly status: number;
  readonly code: string;
  readonly detail: Localized;
}

const PROBLEMS: readonly GatewayProblem[] = [
  {
    type: apigw.ResponseType.UNAUTHORIZED,
    status: 401,
    code: 'unauthorized',
    detail: { es: 'Falta el token de acceso o no es válido', en: 'The access token is missing or invalid' },
  },
  {
    type: apigw.ResponseType.EXPIRED_TOKEN,
    status: 401,
    code: 'unauthorized',
    detail: { es: 'El token de acceso caducó', en: 'The access token has expired' },
  },
  {
    type: apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    code: 'not_found',
    detail: { es: 'No existe esa ruta en la API', en: 'There is no such route in the API' },
  },
  {
    type: apigw.ResponseType.RESOURCE_NOT_FOUND,
    status: 404,
    code: 'not_found',
    detail: { es: 'No existe esa ruta en la API', en: 'There is no such route in the API' },
  },
  {
    type: apigw.ResponseType.ACCESS_DENIED,
    status: 403,
    code: 'forbidden',
    detail: { es: 'Acceso denegado', en: 'Access denied' },
  },
  {
    type: apigw.ResponseType.WAF_FILTERED,
    status: 403,
    code: 'forbidden',
    detail: { es: 'La solicitud fue bloqueada', en: 'The request was blocked' },
  },
  {
    type: apigw.ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    code: 'payload_too_large',
    detail: { es: 'El cuerpo supera el límite de la pasarela', en: 'The body exceeds the gateway limit' },
  },
  {
    type: apigw.ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    code: 'unsupported_media_type',
    detail: { es: 'Tipo de contenido no admitido', en: 'Unsupported media type' },
  },
  {
    type: apigw.ResponseType.BAD_REQUEST_PARAMETERS,
    status: 400,
    code: 'invalid_input',
    detail: { es: 'Un parámetro de la ruta no es válido', en: 'A path parameter is invalid' },
  },
  {
    type: apigw.ResponseType.BAD_REQUEST_BODY,
    status: 400,
    code: 'invalid_input',
    detail: { es: 'El cuerpo no es válido', en: 'The body is invalid' },
  },
  {
    type: apigw.ResponseType.THROTTLED,
    status: 429,
    code: 'too_many_requests',
    detail: {
      es: 'Demasiadas solicitudes; espere unos segundos e intente de nuevo',
      en: 'Too many requests; wait a few seconds and try again',
    },
  },
  {
    type: apigw.ResponseType.QUOTA_EXCEEDED,
    status: 429,
    code: 'too_many_requests',
    detail: { es: 'Se agotó la cuota de solicitudes', en: 'The request quota is used up' },
  },
  {
    type: apigw.ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    code: 'service_unavailable',
    detail: {
      es: 'La operación tardó demasiado; consulte si se completó antes de repetirla',
      en: 'The operation took too long; check whether it completed before repeating it',
    },
  },
  {
    type: apigw.ResponseType.DEFAULT_4XX,
    status: 400,
    code: 'invalid_input',
    detail: { es: 'La solicitud no es válida', en: 'The request is invalid' },
  },
  {
    type: apigw.ResponseType.DEFAULT_5XX,
    status: 502,
    code: 'bad_gateway',
    detail: {
      es: 'La función no respondió correctamente; el incidente quedó registrado',
      en: 'The function did not answer properly; the incident has been logged',
    },
  },
];

/** The template of one gateway response: the problem with the request's path as its instance. */
export function gatewayProblemTemplate(problem: GatewayProblem): string {
  const body: Problem = problemOf(problem.code, problem.detail, 'es', {
    status: problem.status,
    instance: '$context.path',
  });
  return JSON.stringify(body);
}

export function addGatewayProblems(api: apigw.RestApi, corsOrigin?: string) {
  for (const problem of PROBLEMS) {
    api.addGatewayResponse(`Problem${problem.type.responseType}`, {
      type: problem.type,
      statusCode: String(problem.status),
      responseHeaders: {
        'Content-Type': `'${PROBLEM_CONTENT_TYPE}'`,
        'Content-Language': "'es'",
        'Cache-Control': "'no-store'",
        'X-Content-Type-Options': "'nosniff'",
        'Strict-Transport-Security': "'max-age=31536000; includeSubDomains'",
        ...(corsOrigin ? { 'Access-Control-Allow-Origin': `'${corsOrigin}'` } : {}),
      },
      templates: {
        [PROBLEM_CONTENT_TYPE]: gatewayProblemTemplate(problem),
        'application/json': gatewayProblemTemplate(problem),
      },
    });
  }
}
