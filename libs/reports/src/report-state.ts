import { ReportKind, ReportStatus } from './report.entities';

/**
 * A report's lifecycle as data: `generating → ready | failed`, both terminal. The only action on a
 * ready report is finalising a ready draft (which makes a NEW final report; the draft stays as it is).
 */
export type ReportAction = 'complete' | 'fail' | 'finalize' | 'download';

const TRANSITIONS: Record<ReportStatus, Partial<Record<ReportAction, ReportStatus>>> = {
  generating: { complete: 'ready', fail: 'failed' },
  ready: { download: 'ready' },
  failed: {},
};

export function nextStatus(status: ReportStatus, action: ReportAction): ReportStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

/** The actions allowed on a report in a status; `finalize` only for ready drafts. */
export function allowedActions(status: ReportStatus, kind: ReportKind): ReportAction[] {
  const actions = Object.keys(TRANSITIONS[status]) as ReportAction[];
  return status === 'ready' && kind === 'draft' ? [...actions, 'finalize'] : actions;
}
