import { labelProblems } from '@estate/labels';
import { RESPONSE_CHANNELS, SURVEY_RATINGS, SURVEY_SERVICES } from './survey.entity';

/** A survey's status is derived from [opensAt, closesAt): not yet open, open, closed. */
const SURVEY_STATUSES = ['scheduled', 'open', 'closed'];

describe('survey labels (@estate/labels)', () => {
  it.each([
    ['satisfaction', SURVEY_RATINGS],
    ['surveyService', SURVEY_SERVICES],
    ['surveyResponseChannel', RESPONSE_CHANNELS],
    ['surveyStatus', SURVEY_STATUSES],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });
});
