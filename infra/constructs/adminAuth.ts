// Admin sign-in: a Cognito user pool of the shop's staff (no self sign-up), the admin console's app
// client, the `admin` group, and the API Gateway JWT authorizer that guards every admin route. The
// authorizer checks signature, issuer, audience (the client) and expiry; the handlers check the group
// (shared/auth/adminAccess.ts), and infra/local/adminAuthorizer.ts mirrors the authorizer locally.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADMIN_GROUP } from '../../shared/auth/adminAccess';

export interface AdminAuthProps {
  /** @default 1 hour */
  readonly accessTokenValidity?: Duration;
}

export class AdminAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly adminGroup: cognito.CfnUserPoolGroup;
  /** Pass to ShopApi as `adminAuthorizer`. */
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: AdminAuthProps = {}) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${Stack.of(this).stackName}-admins`,
      // Admins are invited (AdminCreateUser), never self-registered.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // A handful of staff: the Lite plan has password policy and TOTP; threat protection is not needed.
      featurePlan: cognito.FeaturePlan.LITE,
      deletionProtection: true,
      // Deleting the pool would lock every admin out and change its id (and the authorizer's issuer).
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'admin-console',
      // A browser app cannot keep a secret.
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      // The console signs in through the API (InitiateAuth), not the hosted UI: no OAuth flows.
      disableOAuth: true,
      accessTokenValidity: props.accessTokenValidity ?? Duration.hours(1),
      idTokenValidity: props.accessTokenValidity ?? Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    this.adminGroup = new cognito.CfnUserPoolGroup(this, 'AdminGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: ADMIN_GROUP,
      description: 'Runs the shop: every /api/admin route',
    });

    // Cognito access tokens carry no `aud`; API Gateway then matches `client_id` against the audience.
    this.authorizer = new HttpUserPoolAuthorizer('AdminAuthorizer', this.userPool, {
      userPoolClients: [this.client],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
