import { DEFAULT_ESTATE_SETTINGS, mergeSettings, settingsOf } from './estate-settings';

describe('estate settings', () => {
  it('fills defaults and ignores keys given as undefined', () => {
    const settings = settingsOf({ sla: { urgentArrivalMinutes: 20, urgentCompletionHours: undefined } });
    expect(settings.sla).toEqual({
      urgentArrivalMinutes: 20,
      urgentCompletionHours: 24,
      routineCompletionHours: 72,
    });
    expect(settings.billing).toEqual(DEFAULT_ESTATE_SETTINGS.billing);
  });

  it('merges an update section by section, keeping other sections and keys', () => {
    const merged = mergeSettings(
      { sla: { urgentArrivalMinutes: 20 }, billing: { dueDay: 10 } },
      { sla: { routineCompletionHours: 48 }, workOrderCategories: ['plumbing'] },
    );
    expect(merged).toEqual({
      sla: { urgentArrivalMinutes: 20, routineCompletionHours: 48 },
      billing: { dueDay: 10 },
      workOrderCategories: ['plumbing'],
    });
  });
});
