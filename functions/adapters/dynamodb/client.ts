import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { settingsOf } from '#kernel/config.js';
import { lazy } from '#kernel/lazy.js';
import { tableClient } from './table-client.js';

/**
 * The table client, created at its first use and then kept for the container's life. The SDK honours
 * AWS_ENDPOINT_URL_DYNAMODB, which is how the same code reaches the embedded server locally and DynamoDB on AWS.
 */
export const { TABLE_NAME } = settingsOf({ TABLE_NAME: z.string() });

/** The one document client of this container, created on the first call. */
export const documentClient = lazy(() => tableClient(new DynamoDBClient({})));

/**
 * What every store sends through. Nothing is created when a module imports it, so that no handler builds a client
 * at load that its request may not use, and a bundle whose code never sends drops it, and the client with it. The
 * middleware stack is the client's (the tests and the bench count calls on it).
 */
export const dynamo = {
  send: ((...args: Parameters<DynamoDBDocumentClient['send']>) =>
    documentClient().send(...args)) as DynamoDBDocumentClient['send'],
  get middlewareStack(): DynamoDBDocumentClient['middlewareStack'] {
    return documentClient().middlewareStack;
  },
};
