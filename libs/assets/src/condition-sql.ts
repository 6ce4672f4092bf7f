/**
 * `valid_until` of the last condition record of an asset: the latest datetime(3) both engines store,
 * so "still current" is an ordinary range bound (never NULL) and `valid_until > :asOf` holds for it
 * at every instant an API can be asked about.
 */
export const CONDITION_OPEN_END = new Date('9999-12-31T23:59:59.999Z');

/**
 * The portable "latest record at or before an instant" join (MySQL and SQLite). Every condition
 * record carries the interval in which it is the asset's condition: from its `recorded_at` up to (not
 * including) its `valid_until` — the recorded_at of the asset's next record in (recorded_at, id)
 * order, or CONDITION_OPEN_END for the last one (maintained by AssetsService.recordCondition). So
 * record `c` of asset `a` is the current one at the instant exactly when
 * `recorded_at <= :asOf < valid_until`; at most one record of an asset matches, and a record followed
 * by one with the same recorded_at and a greater id has an empty interval (the later written wins,
 * as conditionAsOf). Bind `:asOf` to the instant.
 */
export function latestConditionOn(assetAlias: string, recordAlias: string, asOfParameter = 'asOf'): string {
  return (
    `${recordAlias}.asset_id = ${assetAlias}.id AND ${recordAlias}.recorded_at <= :${asOfParameter} ` +
    `AND ${recordAlias}.valid_until > :${asOfParameter}`
  );
}

/** SUM/COUNT come back as numbers (SQLite) or decimal strings (MySQL): a safe integer either way. */
export function wholeNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const number = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isSafeInteger(number)) throw new RangeError(`Not a safe integer: ${String(value)}`);
  return number;
}
