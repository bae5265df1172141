import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ROUTES, type RouteDefinition } from '../api/routes.js';
import { RequestTooLargeError, readBody } from './http-plumbing.js';
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

const gatewayError = (res: ServerResponse, status: number, message: string) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ message }));
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

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const method = (req.method ?? 'GET').toUpperCase();
      const local = options.localRoutes?.[url.pathname];
      if (local) return local(req, res);
      const matches = compiled
        .map((c) => ({ c, m: c.pattern.exec(url.pathname) }))
        .filter((x): x is { c: CompiledRoute; m: RegExpExecArray } => x.m !== null);
      if (matches.length === 0) return gatewayError(res, 404, 'Not Found');
      // Like API Gateway, a literal path segment wins over a {parameter} (…/referrals/overdue before …/{id}).
      const match = matches
        .filter((x) => x.c.route.method === method)
        .sort((a, b) => a.c.names.length - b.c.names.length)[0];
      if (!match) return gatewayError(res, 405, 'Method Not Allowed');
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
        if (!claims) return gatewayError(res, 401, 'Unauthorized');
      }

      let body: Buffer;
      try {
        body = await readBody(req, GATEWAY_MAX_BODY);
      } catch (error) {
        if (error instanceof RequestTooLargeError) return gatewayError(res, 413, 'Request Entity Too Large');
        throw error;
      }

      const pathParameters: Record<string, string> = {};
      names.forEach((name, i) => {
        pathParameters[name] = decodeURIComponent(match.m[i + 1] as string);
      });
      const query: Record<string, string> = {};
      const multiQuery: Record<string, string[]> = {};
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
      const result = await handler(event, lambdaContext(route));
      res.writeHead(result.statusCode, {
        ...(result.headers as Record<string, string>),
        'x-request-id': requestId,
      });
      res.end(result.body);
    } catch (error) {
      // A function crash on AWS reaches the client as API Gateway's own 502.
      process.stderr.write(`gateway: handler failed: ${(error as Error).stack ?? error}\n`);
      if (!res.headersSent) gatewayError(res, 502, 'Internal server error');
    }
  });
}
