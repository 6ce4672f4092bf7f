import { labelProblems } from '@estate/labels';
import { ROLES } from './roles';

describe('role labels (@estate/labels)', () => {
  it('labels every user role, and no other', () => {
    expect(labelProblems('userRole', ROLES)).toEqual([]);
  });
});
