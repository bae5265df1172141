import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { settingsOf } from '#kernel/config.js';
import { tableClient } from './table-client.js';

/**
 * The table client, created at its first use and then kept for the container's life. The SDK honours
 * AWS_ENDPOINT_URL_DYNAMODB, which is how the same code reaches the embedded server locally and DynamoDB on AWS.
 */
export const { TABLE_NAME } = settingsOf({ TABLE_NAME: z.string() });

let client: DynamoDBDocumentClient | undefined;

/** The one document client of this container, created on the first call. */
export function documentClient(): DynamoDBDocumentClient {
  client ??= tableClient(new DynamoDBClient({}));
  return client;
}

/**
 * What every store sends through. Nothing is created when a module imports it: a handler that never reaches the
 * table (health, openapi) bundles none of the SDK, since the bundler drops an unused object and with it the client,
 * and no handler builds a client at load that its request may not use. The middleware stack is the client's
 * (the tests and the bench count calls on it).
 */
export const dynamo = {
  send: ((...args: Parameters<DynamoDBDocumentClient['send']>) =>
    documentClient().send(...args)) as DynamoDBDocumentClient['send'],
  get middlewareStack(): DynamoDBDocumentClient['middlewareStack'] {
    return documentClient().middlewareStack;
  },
};
