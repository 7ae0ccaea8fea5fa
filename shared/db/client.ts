// The DynamoDB client every function shares, built once per cold start.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { readEnv } from '../config';
import { DEPENDENCY_CLIENT_OPTIONS } from '../dependencies';

const env = readEnv({
  TABLE_NAME: z.string().min(3),
  /** Set only on one machine, where DynamoDB Local plays the real service. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export const tableName = env.TABLE_NAME;

/** The plain client, for libraries that want one (Powertools idempotency); use `dynamo` otherwise. */
export const dynamoClient = new DynamoDBClient({ ...DEPENDENCY_CLIENT_OPTIONS, ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}) });

export const dynamo = DynamoDBDocumentClient.from(dynamoClient, { marshallOptions: { removeUndefinedValues: true } });
