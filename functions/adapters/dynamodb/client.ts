import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { settingsOf } from '#kernel/config.js';

/**
 * The table client, created once per container. The SDK honours AWS_ENDPOINT_URL_DYNAMODB, which is how the same
 * code reaches the embedded server locally and DynamoDB on AWS.
 */
export const { TABLE_NAME } = settingsOf({ TABLE_NAME: z.string() });

export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
