// The whole shop in one stack: the table, the HTTP API (one function per route), the workers
// (scheduled jobs and the table-stream consumer, one function per worker) and the site.
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ShopApi } from './constructs/shopApi';
import { ShopSite } from './constructs/shopSite';
import { ShopTable } from './constructs/shopTable';
import { ShopWorkers } from './constructs/shopWorkers';
import { defaultSiteDirectory } from './paths';

export interface ShopStackProps extends StackProps {
  /** Deployment stage (`dev`, `prod`, …); tags every resource. */
  readonly stage: string;
  /** Folder uploaded to the site bucket. @default frontend/dist if built, else frontend/public */
  readonly siteDirectory?: string;
}

export class ShopStack extends Stack {
  readonly table: ShopTable;
  readonly api: ShopApi;
  readonly workers: ShopWorkers;
  readonly site: ShopSite;

  constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id, props);
    Tags.of(this).add('project', 'mineral-shop');
    Tags.of(this).add('stage', props.stage);

    this.table = new ShopTable(this, 'Data');
    this.api = new ShopApi(this, 'Api', { table: this.table.table });
    this.workers = new ShopWorkers(this, 'Workers', { table: this.table.table });
    this.site = new ShopSite(this, 'Site', {
      apiDomainName: this.api.domainName,
      siteDirectory: props.siteDirectory ?? defaultSiteDirectory(),
    });

    new CfnOutput(this, 'SiteUrl', {
      description: 'The shop (site and /api), through CloudFront',
      value: `https://${this.site.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'The HTTP API directly (routes start with /api)',
      value: this.api.api.apiEndpoint,
    });
    new CfnOutput(this, 'TableName', { description: 'The shop table', value: this.table.table.tableName });
  }
}
