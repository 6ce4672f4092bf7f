import type { EntityManager } from 'typeorm';

/**
 * One raw statement with named parameters (`:name`), bound the way the driver binds entity values
 * (Dates as the driver's datetime format), for writes that must not go through the entity — e.g. a
 * denormalised column kept by a related write, where saving the entity would bump its version.
 */
export async function executeStatement(
  manager: EntityManager,
  sql: string,
  parameters: Record<string, unknown>,
): Promise<void> {
  const [query, bound] = manager.connection.driver.escapeQueryWithParameters(sql, parameters, {});
  await manager.query(query, bound);
}
