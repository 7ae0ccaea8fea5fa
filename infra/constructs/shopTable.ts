// The shop's one DynamoDB table, built from the same TABLE_DEFINITION the local runtime uses
// (infra/local/table.ts), so the deployed table and DynamoDB Local cannot drift apart.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { INDEX_DEFINITIONS, TABLE_DEFINITION } from '../../shared/db/table';

export interface ShopTableProps {
  /** Fixed physical name; omitted, CloudFormation generates one (safer across stages and accounts). */
  readonly tableName?: string;
}

const stringAttribute = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class ShopTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: ShopTableProps = {}) {
    super(scope, id);
    const { key, ttlAttribute } = TABLE_DEFINITION;

    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: stringAttribute(key.pk),
      sortKey: stringAttribute(key.sk),
      billing: dynamodb.Billing.onDemand(),
      // Pages are served from the index alone, never a second read; an index with a projection list
      // carries only those attributes (INCLUDE), so it is rewritten only when one of them changes.
      globalSecondaryIndexes: INDEX_DEFINITIONS.map(([indexName, index]) => ({
        indexName,
        partitionKey: stringAttribute(index.pk),
        sortKey: stringAttribute(index.sk),
        ...(index.projection
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }
          : { projectionType: dynamodb.ProjectionType.ALL }),
      })),
      timeToLiveAttribute: ttlAttribute,
      // The stream consumer releases holds that TTL deleted before the expiry job did (docs/architecture.md §4).
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Orders and stock are the business: never let a stack deletion take them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
