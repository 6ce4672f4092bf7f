import { labelOf, labelProblems } from '@estate/labels';
import { RESIDENT_RELATIONS, UNIT_TYPES } from './entities';
import { DEFAULT_ESTATE_SETTINGS } from './estate-settings';

describe('registry labels (@estate/labels)', () => {
  it.each([
    ['unitType', UNIT_TYPES],
    ['residentRelation', RESIDENT_RELATIONS],
    ['workOrderCategory', DEFAULT_ESTATE_SETTINGS.workOrderCategories],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });

  it('shows an estate’s own work-order category as it was typed', () => {
    expect(labelOf('workOrderCategory', '外墙渗水', 'zh-CN')).toBe('外墙渗水');
    expect(labelOf('workOrderCategory', 'roof_garden', 'en')).toBe('roof_garden');
  });
});
