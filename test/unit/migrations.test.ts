import { CURRENT_SCHEMA_VERSION, pendingMigrations } from '../../src/domain/migrations';

describe('storage migrations', () => {
  it('has a fresh install migrate up to the current schema', () => {
    expect(pendingMigrations(0).map((m) => m.from)).toEqual([0]);
  });

  it('has nothing to do once storage is current', () => {
    expect(pendingMigrations(CURRENT_SCHEMA_VERSION)).toEqual([]);
  });
});
