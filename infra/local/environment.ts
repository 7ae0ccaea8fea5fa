// The environment the functions see on one machine: what CDK sets on each Lambda, pointed at the
// local stand-ins. Set before any function module is imported (they read it at load time).

export const LOCAL_TABLE_NAME = 'mineral-shop';

export interface LocalServices {
  tableName: string;
  dynamoEndpoint: string;
}

export function localEnvironment(services: LocalServices): Record<string, string> {
  return {
    TABLE_NAME: services.tableName,
    DYNAMODB_ENDPOINT: services.dynamoEndpoint,
    AWS_REGION: 'us-east-1',
    // DynamoDB Local accepts any alphanumeric key id; these never leave the machine.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_SERVICE_NAME: 'mineral-shop',
    POWERTOOLS_DEV: 'false',
  };
}

export function applyEnvironment(env: Record<string, string>): void {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
}
