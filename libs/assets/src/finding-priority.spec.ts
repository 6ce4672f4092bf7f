import { DEFAULT_PRIORITY_RULE, findingPriority } from './finding-priority';

describe('findingPriority', () => {
  it('finds nothing when every item passed and the condition is good or fair', () => {
    expect(findingPriority(DEFAULT_PRIORITY_RULE, 0, 'good')).toBeNull();
    expect(findingPriority(DEFAULT_PRIORITY_RULE, 0, 'fair')).toBeNull();
    expect(findingPriority(DEFAULT_PRIORITY_RULE, 0, null)).toBeNull();
  });

  it('uses the rule for a failed item and for each condition worse than fair', () => {
    expect(findingPriority(DEFAULT_PRIORITY_RULE, 1, 'good')).toBe('routine');
    expect(findingPriority(DEFAULT_PRIORITY_RULE, 0, 'poor')).toBe('routine');
    expect(findingPriority(DEFAULT_PRIORITY_RULE, 0, 'bad')).toBe('urgent');
    expect(findingPriority(DEFAULT_PRIORITY_RULE, 0, 'dangerous')).toBe('urgent');
    expect(findingPriority(DEFAULT_PRIORITY_RULE, 0, 'out_of_service')).toBe('urgent');
  });

  it('takes the more pressing of the two', () => {
    const rule = { ...DEFAULT_PRIORITY_RULE, failedItem: 'urgent' as const, poor: 'planned' as const };
    expect(findingPriority(rule, 2, 'poor')).toBe('urgent');
    expect(findingPriority(rule, 0, 'poor')).toBe('planned');
    expect(findingPriority({ ...rule, failedItem: 'planned' }, 1, 'bad')).toBe('urgent');
  });
});
