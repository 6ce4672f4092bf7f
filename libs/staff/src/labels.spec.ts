import { labelProblems } from '@estate/labels';
import {
  CERTIFICATE_TYPES,
  SPECIAL_OPERATION_ROLES,
  TRAINING_CATEGORIES,
  TRAINING_RESULTS,
  WARNING_KINDS,
} from './staff.entity';

/**
 * A certificate's status is derived from issuedAt/expiresAt (staff-rules.ts) and the warning
 * horizon (staff-compliance.service.ts): valid, expiring within the horizon, or expired.
 */
const CERTIFICATE_STATUSES = ['valid', 'expiring', 'expired'];

describe('staff labels (@estate/labels)', () => {
  it.each([
    ['specialOperationRole', SPECIAL_OPERATION_ROLES],
    ['certificateType', CERTIFICATE_TYPES],
    ['certificateStatus', CERTIFICATE_STATUSES],
    ['trainingCategory', TRAINING_CATEGORIES],
    ['trainingResult', TRAINING_RESULTS],
    ['staffWarningKind', WARNING_KINDS],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });
});
