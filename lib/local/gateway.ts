import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ROUTES, type RouteDefinition } from '../api/routes.js';
import type { FieldProblem } from '#kernel/errors.js';
import { allowedOrigins, CORS_ALLOWED_HEADERS, corsHeaders, SECURITY_HEADERS } from '#http/headers.js';
import { PROBLEM_CONTENT_TYPE, problemOf } from '#http/problems.js';
import { languageFrom } from '#kernel/messages.js';
import { keepIdleConnections, RequestTooLargeError, readBody } from './http-plumbing.js';
import { type SigningKeys, verifyToken } from './tokens.js';

/**
 * The local stand-in for API Gateway: the same route table as the CDK stack, the same REST API (v1) proxy events,
 * and a token check in front of protected routes playing the Cognito authorizer's part. Handlers are the real
 * modules under functions/, loaded on first use like a Lambda cold start.
 */
type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** API Gateway refuses payloads above 10 MB; the handlers apply their own, much smaller, limit. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

/**
 * What API Gateway itself answers (no function runs), in the same problem-details shape as the handlers' errors,
 * in the caller's language (on AWS the Platform stack maps API Gateway's gateway responses to the same shape).
 */
function gatewayError(
  req: IncomingMessage,
  res: ServerResponse,
  code: keyof typeof GATEWAY_TEXTS,
  extra: { headers?: Record<string, string>; errors?: FieldProblem[] } = {},
) {
  const language = languageFrom(header(req, 'accept-language'));
  const problem = problemOf(code, GATEWAY_TEXTS[code], language, {
    instance: new URL(req.url ?? '/', 'http://local').pathname,
    ...(extra.errors ? { errors: extra.errors } : {}),
  });
  res.writeHead(problem.status, {
    ...extra.headers,
    ...SECURITY_HEADERS,
    ...corsHeaders({ headers: req.headers as Record<string, string> }),
    'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    'content-language': language,
  });
  res.end(JSON.stringify(problem));
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
};

function lambdaContext(route: RouteDefinition): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: route.operationId,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${route.operationId}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/swcs/local/${route.operationId}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface GatewayOptions {
  readonly keys: SigningKeys;
  /** Loads a handler module by its route's `handler` (e.g. "requests/record"). */
  readonly loadHandler: (handler: string) => Promise<LambdaHandler>;
  /** Local-only tools (the outbox), outside the API and its document; no token, like everything on loopback. */
  readonly localRoutes?: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => void>>;
  /** Told each function's duration once it has answered, as Lambda's REPORT line tells it on AWS. */
  readonly onInvoke?: (report: InvocationReport) => void;
}

/** What Lambda's REPORT line says of one invocation: the function's own time, without the gateway's. */
export interface InvocationReport {
  readonly operationId: string;
  readonly handler: string;
  readonly durationMs: number;
}

const BAD_ENCODING = {
  es: 'codificación de URL no válida (secuencia % incompleta o que no es UTF-8)',
  en: 'invalid URL encoding (an incomplete % sequence, or not UTF-8)',
};

/** The gateway's own texts, as API Gateway's gateway responses say them. */
const GATEWAY_TEXTS = {
  not_found: { es: 'No existe esa ruta en la API', en: 'There is no such route in the API' },
  method_not_allowed: {
    es: 'La ruta existe, pero no con este método (vea la cabecera Allow)',
    en: 'The route exists, but not with this method (see the Allow header)',
  },
  unauthorized: {
    es: 'Falta el token de acceso o no es válido',
    en: 'The access token is missing or invalid',
  },
  payload_too_large: {
    es: 'El cuerpo supera el límite de la pasarela (10 MB)',
    en: 'The body exceeds the gateway limit (10 MB)',
  },
  invalid_input: { es: 'La ruta no se puede leer', en: 'The path cannot be read' },
  bad_gateway: {
    es: 'La función no respondió correctamente; el incidente quedó registrado',
    en: 'The function did not answer properly; the incident has been logged',
  },
} as const;

function preflight(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]) {
  const origin = header(req, 'origin');
  if (!origin || !allowedOrigins().has(origin)) {
    res.writeHead(403, { ...SECURITY_HEADERS, vary: 'Origin' });
    return res.end();
  }
  res.writeHead(204, {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': allowed.join(', '),
    'access-control-allow-headers': CORS_ALLOWED_HEADERS,
    'access-control-max-age': '600',
    vary: 'Origin',
  });
  res.end();
}

export function createGateway(options: GatewayOptions): Server {
  const compiled = ROUTES.map(compile);
  const cache = new Map<string, Promise<LambdaHandler>>();
  const handlerFor = (name: string) => {
    let loaded = cache.get(name);
    if (!loaded) {
      loaded = options.loadHandler(name);
      cache.set(name, loaded);
    }
    return loaded;
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const method = (req.method ?? 'GET').toUpperCase();
      const local = Object.hasOwn(options.localRoutes ?? {}, url.pathname)
        ? options.localRoutes?.[url.pathname]
        : undefined;
      if (local) return local(req, res);
      const matches = compiled
        .map((c) => ({ c, m: c.pattern.exec(url.pathname) }))
        .filter((x): x is { c: CompiledRoute; m: RegExpExecArray } => x.m !== null);
      if (matches.length === 0) return gatewayError(req, res, 'not_found');
      const allowed = [...new Set(matches.map((x) => x.c.route.method))].sort();
      // A browser's CORS preflight, answered by the gateway as API Gateway does for configured origins.
      if (method === 'OPTIONS') return preflight(req, res, allowed);
      // Like API Gateway, a literal path segment wins over a {parameter} (…/referrals/overdue before …/{id}).
      const match = matches
        .filter((x) => x.c.route.method === method)
        .sort((a, b) => a.c.names.length - b.c.names.length)[0];
      if (!match) {
        return gatewayError(req, res, 'method_not_allowed', { headers: { allow: allowed.join(', ') } });
      }
      const { route, names } = match.c;

      const headers: Record<string, string> = {};
      const multiValueHeaders: Record<string, string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        const list = Array.isArray(value) ? value : [value];
        headers[name] = list[list.length - 1] as string;
        multiValueHeaders[name] = list;
      }

      let claims: Record<string, string> | undefined;
      if (route.auth === 'token') {
        const [scheme, token] = (headers.authorization ?? '').split(' ');
        claims =
          scheme?.toLowerCase() === 'bearer' && token ? await verifyToken(options.keys, token) : undefined;
        // API Gateway answers 401 itself, before any function runs.
        if (!claims) {
          return gatewayError(req, res, 'unauthorized', { headers: { 'www-authenticate': 'Bearer' } });
        }
      }

      let body: Buffer;
      try {
        body = await readBody(req, GATEWAY_MAX_BODY);
      } catch (error) {
        if (error instanceof RequestTooLargeError) return gatewayError(req, res, 'payload_too_large');
        throw error;
      }

      const pathParameters: Record<string, string> = {};
      const undecodable: FieldProblem[] = [];
      names.forEach((name, i) => {
        try {
          pathParameters[name] = decodeURIComponent(match.m[i + 1] as string);
        } catch {
          undecodable.push({ field: `path.${name}`, problem: BAD_ENCODING });
        }
      });
      if (undecodable.length > 0) return gatewayError(req, res, 'invalid_input', { errors: undecodable });
      // Plain objects would let a parameter named __proto__ or constructor reach the prototype chain.
      const query: Record<string, string> = Object.create(null);
      const multiQuery: Record<string, string[]> = Object.create(null);
      for (const [name, value] of url.searchParams) {
        query[name] = value;
        multiQuery[name] = [...(multiQuery[name] ?? []), value];
      }
      const requestId = randomUUID();
      const event = {
        resource: route.path,
        path: url.pathname,
        httpMethod: method,
        headers,
        multiValueHeaders,
        queryStringParameters: Object.keys(query).length > 0 ? query : null,
        multiValueQueryStringParameters: Object.keys(multiQuery).length > 0 ? multiQuery : null,
        pathParameters: names.length > 0 ? pathParameters : null,
        stageVariables: null,
        body: body.length > 0 ? body.toString('utf8') : null,
        isBase64Encoded: false,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          authorizer: claims ? { claims } : null,
          httpMethod: method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          requestId,
          requestTimeEpoch: Date.now(),
          resourceId: route.operationId,
          resourcePath: route.path,
          stage: 'local',
          identity: { sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
        },
      } as unknown as APIGatewayProxyEvent;

      const handler = await handlerFor(route.handler);
      const started = performance.now();
      const result = await handler(event, lambdaContext(route));
      options.onInvoke?.({
        operationId: route.operationId,
        handler: route.handler,
        durationMs: performance.now() - started,
      });
      // As API Gateway does, multiValueHeaders (several Set-Cookie lines) join the single-valued headers.
      res.writeHead(result.statusCode, {
        ...(result.headers as Record<string, string>),
        ...(result.multiValueHeaders as Record<string, string[]> | undefined),
        'x-request-id': requestId,
      });
      // A file answer comes base64-encoded (route.file); API Gateway sends its bytes, and so does this.
      res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    } catch (error) {
      // A function crash on AWS reaches the client as API Gateway's own 502.
      process.stderr.write(`gateway: handler failed: ${(error as Error).stack ?? error}\n`);
      if (!res.headersSent) gatewayError(req, res, 'bad_gateway');
    }
  });
  // Clients reuse connections (fetch keeps them 4 s); a server that closed first would reset one in use.
  keepIdleConnections(server);
  return server;
}
