/**
 * The portable "latest record at or before an instant" join (MySQL and SQLite): condition record `c`
 * of asset `a` is the current one when no other record of the asset at or before the instant is
 * newer, or equally new with a greater id. Driven by ix_asset_conditions_asset_recorded
 * (asset_id, recorded_at). Bind `:asOf` to the instant.
 */
export function latestConditionOn(assetAlias: string, recordAlias: string, asOfParameter = 'asOf'): string {
  const newer = `${recordAlias}_newer`;
  return (
    `${recordAlias}.asset_id = ${assetAlias}.id AND ${recordAlias}.recorded_at <= :${asOfParameter} ` +
    `AND NOT EXISTS (SELECT 1 FROM asset_condition_records ${newer} ` +
    `WHERE ${newer}.asset_id = ${recordAlias}.asset_id AND ${newer}.recorded_at <= :${asOfParameter} ` +
    `AND (${newer}.recorded_at > ${recordAlias}.recorded_at ` +
    `OR (${newer}.recorded_at = ${recordAlias}.recorded_at AND ${newer}.id > ${recordAlias}.id)))`
  );
}

/** SUM/COUNT come back as numbers (SQLite) or decimal strings (MySQL): a safe integer either way. */
export function wholeNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const number = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isSafeInteger(number)) throw new RangeError(`Not a safe integer: ${String(value)}`);
  return number;
}
