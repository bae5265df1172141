/**
 * What the local DynamoDB and Step Functions share of the AWS JSON protocol: the SDK names an operation in
 * `X-Amz-Target`, posts a JSON body, and turns an error answer's `__type` into its exception class. Each service
 * keeps its own namespaces and headers; this module only holds the shape they have in common.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { crc32 } from 'node:zlib';

export type JsonObject = Record<string, unknown>;

export const SERIALIZATION_EXCEPTION = 'com.amazon.coral.service#SerializationException';
export const UNKNOWN_OPERATION_EXCEPTION = 'com.amazon.coral.service#UnknownOperationException';

/** An error answer of an AWS JSON protocol: the HTTP status and the body the SDK reads, passed to the client as is. */
export class AwsProtocolError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: JsonObject & { __type: string },
  ) {
    const message = body.message ?? body.Message;
    super(typeof message === 'string' ? message : body.__type);
  }

  /** The short error name, e.g. ConditionalCheckFailedException. */
  get code(): string {
    return this.body.__type.slice(this.body.__type.indexOf('#') + 1);
  }
}

/**
 * The service's input validation errors, worded as AWS words them (clients and tests match the text). Each service
 * has its own `__type` for them.
 */
export function validationErrors(type: string): {
  validationError(message: string): AwsProtocolError;
  memberNull(path: string): AwsProtocolError;
} {
  const validationError = (message: string): AwsProtocolError =>
    new AwsProtocolError(400, { __type: type, message });
  return {
    validationError,
    memberNull: (path) =>
      validationError(
        `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
      ),
  };
}

/** The operation named by `X-Amz-Target` (`<service>.<operation>`), if it is addressed to `service`. */
export function operationOf(target: string | string[] | undefined, service: string): string | undefined {
  if (typeof target !== 'string') return undefined;
  const [api, operation] = target.split('.');
  return api === service ? operation : undefined;
}

/** A request body as JSON; what does not parse is answered as the service does, with a SerializationException. */
export function parseJsonBody(body: Buffer, whenEmpty?: JsonObject): unknown {
  if (body.length === 0 && whenEmpty !== undefined) return whenEmpty;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsProtocolError(400, { __type: SERIALIZATION_EXCEPTION });
  }
}

/** How a service dresses its answers. */
export interface AnswerStyle {
  readonly contentType: string;
  /** A fresh request id in the service's own format. */
  readonly requestId: () => string;
  /** DynamoDB (and dynalite) send a CRC32 of the body, which some clients verify. */
  readonly crc32?: boolean;
}

export const uuidRequestId = (): string => randomUUID();

export function sendJson(res: http.ServerResponse, status: number, body: unknown, style: AnswerStyle): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', style.contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  if (style.crc32 === true) res.setHeader('x-amz-crc32', String(crc32(text)));
  res.setHeader('x-amzn-RequestId', style.requestId());
  res.end(text);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}
