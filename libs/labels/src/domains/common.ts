import type { LabelTable } from '../label';

/** Words every screen and export needs. */
export const COMMON_LABELS = {
  /** A boolean in words (是否收费, 按时办结 …): `labelOf('yesNo', value ? 'yes' : 'no', locale)`. */
  yesNo: {
    yes: { zh: '是', en: 'Yes' },
    no: { zh: '否', en: 'No' },
  },
} as const satisfies Record<string, LabelTable>;
