import { labelProblems } from '@estate/labels';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_VALIDITIES,
  INVALID_REASONS,
  SATISFACTION_LEVELS,
  WORK_ORDER_RELATIONS,
} from './complaint.entity';
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES } from './complaint-state';

/** Actions only the history shows, written by complaints.service.ts. */
const HISTORY_ONLY_ACTIONS = ['receive', 'attach', 'link_work_order'];

describe('complaint labels (@estate/labels)', () => {
  it.each([
    ['complaintStatus', COMPLAINT_STATUSES],
    ['complaintChannel', COMPLAINT_CHANNELS],
    ['complaintCategory', COMPLAINT_CATEGORIES],
    ['complaintValidity', COMPLAINT_VALIDITIES],
    ['complaintInvalidReason', INVALID_REASONS],
    ['complaintWorkOrderRelation', WORK_ORDER_RELATIONS],
    ['satisfaction', SATISFACTION_LEVELS],
    ['complaintAction', [...COMPLAINT_ACTIONS, ...HISTORY_ONLY_ACTIONS]],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });
});
