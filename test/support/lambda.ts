// What a Lambda handler receives besides its event, for tests that call workers directly.
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../../infra/local/lambdaContext';

export function aLambdaContext(functionName = 'test'): Context {
  return lambdaContext(functionName);
}
