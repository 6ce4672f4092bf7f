import { labelOf, labelProblems } from '@estate/labels';
import {
  ASSET_CONDITIONS,
  ASSET_STATUSES,
  CONDITION_SOURCES,
  DEFAULT_ASSET_CATEGORIES,
  FINDING_PRIORITIES,
  IMPORTANCE_LEVELS,
  KPI_GROUPS,
  MEASURE_UNITS,
  PLAN_KINDS,
} from './asset.constants';
import { ASSET_TASK_ACTIONS, ASSET_TASK_STATUSES } from './asset-task-state';
import { FREQUENCIES } from './recurrence';

describe('asset labels (@estate/labels)', () => {
  it.each([
    ['assetCategory', DEFAULT_ASSET_CATEGORIES.map((category) => category.code)],
    ['assetKpiGroup', KPI_GROUPS],
    ['assetCondition', ASSET_CONDITIONS],
    ['assetConditionSource', CONDITION_SOURCES],
    ['assetStatus', ASSET_STATUSES],
    ['assetImportance', IMPORTANCE_LEVELS],
    ['assetMeasureUnit', MEASURE_UNITS],
    ['assetPlanKind', PLAN_KINDS],
    ['assetPlanFrequency', FREQUENCIES],
    ['assetTaskStatus', ASSET_TASK_STATUSES],
    ['assetTaskAction', ASSET_TASK_ACTIONS],
    ['workOrderPriority', FINDING_PRIORITIES],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });

  it('calls a default category what the seeded category row calls it', () => {
    for (const category of DEFAULT_ASSET_CATEGORIES)
      expect(labelOf('assetCategory', category.code, 'zh-CN')).toBe(category.name);
  });
});
