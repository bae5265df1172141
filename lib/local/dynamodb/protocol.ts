/**
 * DynamoDB's dialect of the AWS JSON protocol, as the front server and the transactions speak it.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { type AnswerStyle, operationOf, validationErrors } from '../aws-protocol.js';

export const API_VERSION = 'DynamoDB_20120810';
export const SERVICE_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

export const { validationError, memberNull } = validationErrors(
  'com.amazon.coral.validate#ValidationException',
);

export function dynamoOperation(target: string | string[] | undefined): string | undefined {
  return operationOf(target, API_VERSION);
}

/** Mirrors dynalite: answer in the content type the client used. */
function responseContentType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]?.trim();
  return type === 'application/json' ? 'application/json' : 'application/x-amz-json-1.0';
}

/** The same headers dynalite (and the real service) send, in the content type of the request. */
export function answerStyle(req: http.IncomingMessage): AnswerStyle {
  return {
    contentType: responseContentType(req.headers['content-type']),
    requestId: () => randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0'),
    crc32: true,
  };
}
