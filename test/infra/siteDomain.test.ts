// The site's own domain on CloudFront (the whole stacks are synthesized once, in stack.test.ts,
// without a domain, as a dev stage is).
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ShopSite } from '../../infra/constructs/shopSite';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-000000000000';

function distributionConfig(domain?: { hostname: string; certificateArn: string }) {
  const stack = new Stack(new App(), 'Site', { env: { account: '123456789012', region: 'eu-west-1' } });
  new ShopSite(stack, 'Site', { apiDomainName: 'abc123.execute-api.eu-west-1.amazonaws.com', ...(domain ? { domain } : {}) });
  const [distribution] = Object.values(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution')) as Array<{ Properties: { DistributionConfig: Record<string, unknown> } }>;
  return distribution!.Properties.DistributionConfig;
}

describe('the site’s domain', () => {
  it('answers for the shop’s hostname with its certificate, over TLS 1.2 at the least, by SNI', () => {
    const config = distributionConfig({ hostname: 'shop.example.org', certificateArn: CERTIFICATE });
    expect(config.Aliases).toEqual(['shop.example.org']);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
  });

  it('without one (a dev stage), is served at CloudFront’s own domain', () => {
    const config = distributionConfig();
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });
});
