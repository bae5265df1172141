/**
 * The Step Functions dialect of the AWS JSON protocol (JSON 1.0, `X-Amz-Target: AWSStepFunctions.<operation>`).
 */
import type http from 'node:http';
import {
  AwsProtocolError,
  type JsonObject,
  sendJson,
  uuidRequestId,
  validationErrors,
} from '../aws-protocol.js';

export const SERVICE_TARGET = 'AWSStepFunctions';
export const ERROR_NAMESPACE = 'com.amazonaws.sfn#';
export const ACCOUNT = '123456789012';

/** An error answer; the SDK turns `code` into its exception class. */
export function serviceError(code: string, message: string, status = 400): AwsProtocolError {
  return new AwsProtocolError(status, { __type: `${ERROR_NAMESPACE}${code}`, message });
}

export const { validationError, memberNull } = validationErrors(`${ERROR_NAMESPACE}ValidationException`);

export function optionalString(input: JsonObject, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serviceError('SerializationException', `${name} must be a string`);
  return value;
}

export function requiredString(input: JsonObject, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw memberNull(name);
  return value;
}

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

export function send(res: http.ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, { contentType: 'application/x-amz-json-1.0', requestId: uuidRequestId });
}
