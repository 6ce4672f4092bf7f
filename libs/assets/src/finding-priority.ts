import { AssetCondition, FindingPriority, INTACT_CONDITIONS } from './asset.constants';
import type { FindingPriorityRule } from './entities';

export const DEFAULT_PRIORITY_RULE: FindingPriorityRule = {
  failedItem: 'routine',
  poor: 'routine',
  bad: 'urgent',
  dangerous: 'urgent',
  out_of_service: 'urgent',
};

const SEVERITY: Record<FindingPriority, number> = { planned: 0, routine: 1, urgent: 2 };

/**
 * Whether an inspection result is a finding that opens a work order, and at which priority: a failed
 * checklist item gives `rule.failedItem`, a condition worse than `fair` gives the rule for that
 * condition; with both, the more pressing one wins. Null when nothing was found.
 */
export function findingPriority(
  rule: FindingPriorityRule,
  failedItems: number,
  condition: AssetCondition | null,
): FindingPriority | null {
  const candidates: FindingPriority[] = [];
  if (failedItems > 0) candidates.push(rule.failedItem);
  if (condition && !INTACT_CONDITIONS.includes(condition))
    candidates.push(rule[condition as Exclude<AssetCondition, 'good' | 'fair'>]);
  if (!candidates.length) return null;
  return candidates.reduce((worst, next) => (SEVERITY[next] > SEVERITY[worst] ? next : worst));
}
