// Outgoing mail: an SES domain identity and the configuration set every send names. Functions that
// declare `sendsEmail` may send as this identity only (see grantNeeds in ./shopFunction).
import { Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { ShopMailSender } from './shopFunction';

export interface ShopEmailProps {
  /** The domain mail is sent from, e.g. `example.com`; its DKIM records must be published to verify it. */
  readonly mailDomain: string;
  /** @default `shop` */
  readonly senderLocalPart?: string;
}

export class ShopEmail extends Construct implements ShopMailSender {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  readonly mailFrom: string;

  constructor(scope: Construct, id: string, props: ShopEmailProps) {
    super(scope, id);
    // Reputation metrics let CloudWatch show bounce and complaint rates before SES acts on them.
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true });
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
    });
    // ConfigurationSet exposes no ARN; SES authorizes sends against it, so the grant needs one.
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    this.mailFrom = `Mineral shop <${props.senderLocalPart ?? 'shop'}@${props.mailDomain}>`;
  }
}
