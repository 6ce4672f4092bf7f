import type { AssetCondition } from './asset.constants';

export interface ConditionFact {
  id: string;
  condition: AssetCondition;
  recordedAt: Date;
}

/**
 * An asset's condition at an instant: its latest record at or before the instant; records with the
 * same recordedAt are ordered by id (UUIDv7, so the one written later wins). Null when there is no
 * record yet — "not known", which is never counted as intact. The SQL in AssetHealthService applies
 * the same rule to a whole estate.
 */
export function conditionAsOf<T extends ConditionFact>(records: readonly T[], instant: Date): T | null {
  let latest: T | null = null;
  for (const record of records) {
    if (record.recordedAt.getTime() > instant.getTime()) continue;
    if (
      !latest ||
      record.recordedAt.getTime() > latest.recordedAt.getTime() ||
      (record.recordedAt.getTime() === latest.recordedAt.getTime() && record.id > latest.id)
    )
      latest = record;
  }
  return latest;
}
