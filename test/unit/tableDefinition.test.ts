import { describe, expect, it } from 'vitest';
import { INDEX_DEFINITIONS, INDEXES, MAX_PROJECTED_ATTRIBUTES } from '../../shared/db/table';

describe('the table definition', () => {
  it('projects no more INCLUDE attributes, summed over its indexes, than DynamoDB allows', () => {
    const projected = INDEX_DEFINITIONS.reduce((n, [, index]) => n + (index.projection?.length ?? 0), 0);
    expect(projected).toBeLessThanOrEqual(MAX_PROJECTED_ATTRIBUTES);
  });

  it('never projects a password hash into the account index', () => {
    const projection: readonly string[] | undefined = INDEXES.usersByEmail.projection;
    expect(projection).toBeDefined();
    expect(projection).not.toContain('passwordHash');
  });
});
