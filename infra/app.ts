// CDK entry: reads context, builds props, instantiates the stack. `cdk synth -c stage=prod`.
import { App } from 'aws-cdk-lib';
import { ShopStack } from './stack';

const app = new App();

const stage: unknown = app.node.tryGetContext('stage') ?? 'dev';
if (typeof stage !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
  throw new Error(`Context "stage" must be lowercase letters, digits and dashes (got ${JSON.stringify(stage)})`);
}

new ShopStack(app, `MineralShop-${stage}`, {
  stage,
  description: `Mineral shop (${stage})`,
  // Deploys to the account and region of the CLI's credentials; synth works without any.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
