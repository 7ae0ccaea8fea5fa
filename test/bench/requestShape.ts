// What the benches compare when they check that their raw DynamoDB calls are the API's calls: a
// request's shape — keys and value types, with expressions, the table and a few flags verbatim.
import { tableName } from '../../shared/db/client';

/** A request's shape: keys and types, with expressions, table names and flags kept verbatim. */
export function requestShape(value: unknown, key = ''): unknown {
  if (value instanceof Set) return `Set(${value.size})`;
  if (Array.isArray(value)) return value.map((v) => requestShape(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k === tableName ? '<table>' : k, requestShape((value as Record<string, unknown>)[k], k)]),
    );
  }
  if (key === 'TableName') return '<table>';
  if (typeof value === 'string' && /Expression$|^(ConsistentRead|ReturnValuesOnConditionCheckFailure|entity)$/.test(key)) return value;
  return typeof value;
}
