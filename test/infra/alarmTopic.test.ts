// The stage's alarm topic on its own (the whole stacks are synthesized once, in stack.test.ts).
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ShopAlerts } from '../../infra/constructs/shopAlarms';

describe('the alarm topic', () => {
  it('mails each address the stage names, and takes messages over TLS only', () => {
    const stack = new Stack(new App(), 'Alerts');
    new ShopAlerts(stack, 'Alerts', { emails: ['ops@example.org', 'dealer@example.org'] });
    const template = Template.fromStack(stack);
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((s) => (s as { Properties: { Protocol: string; Endpoint: string } }).Properties);
    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([
      ['email', 'dealer@example.org'],
      ['email', 'ops@example.org'],
    ]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});
