import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod/mini';
import { settingsOf } from '#kernel/config.js';
import { tableClient } from './table-client.js';

/**
 * The table client, created once per container. The SDK honours AWS_ENDPOINT_URL_DYNAMODB, which is how the same
 * code reaches the embedded server locally and DynamoDB on AWS.
 */
export const { TABLE_NAME } = settingsOf({ TABLE_NAME: z.string() });

export const dynamo = tableClient(new DynamoDBClient({}));
