import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSET_LABELS } from './domains/assets';
import { COMMON_LABELS } from './domains/common';
import { COMPLAINT_LABELS } from './domains/complaints';
import { FEE_LABELS } from './domains/fees';
import { FIELD_OPERATION_LABELS } from './domains/field-operations';
import { KPI_REPORT_LABELS } from './domains/kpi-reports';
import { PEOPLE_LABELS } from './domains/people';
import { WORK_ORDER_LABELS } from './domains/work-orders';
import { codesOf, hasLabel, isLabelDomain, LABEL_DOMAINS, labelOf, labelProblems, labelsOf } from './index';

describe('labels', () => {
  it('labels every code of every domain in both languages (Chinese with Chinese, English without)', () => {
    const problems = LABEL_DOMAINS.flatMap((domain) => labelProblems(domain, codesOf(domain)));
    expect(problems).toEqual([]);
  });

  it('has each domain name once across the per-area tables', () => {
    const parts = [
      COMMON_LABELS,
      WORK_ORDER_LABELS,
      COMPLAINT_LABELS,
      FEE_LABELS,
      ASSET_LABELS,
      FIELD_OPERATION_LABELS,
      PEOPLE_LABELS,
      KPI_REPORT_LABELS,
    ].flatMap((part) => Object.keys(part));
    expect(parts.length).toBe(new Set(parts).size);
    expect(LABEL_DOMAINS.length).toBe(parts.length);
  });

  it('gives the label in the locale, the code itself when unknown, and nothing for no code', () => {
    expect(labelOf('workOrderStatus', 'closed', 'zh-CN')).toBe('已关闭');
    expect(labelOf('workOrderStatus', 'closed', 'en')).toBe('Closed');
    expect(labelOf('workOrderCategory', 'plumbing', 'zh-CN')).toBe('给排水维修');
    expect(labelOf('workOrderCategory', '外墙渗水', 'zh-CN')).toBe('外墙渗水');
    expect(labelOf('workOrderCategory', 'roof_garden', 'en')).toBe('roof_garden');
    expect(labelOf('userRole', 'security', 'zh-CN')).toBe('秩序维护员');
    expect(labelOf('kpiMetricStatus', 'no_data', 'zh-CN')).toBe('无数据');
    expect(labelOf('workOrderPriority', null, 'zh-CN')).toBe('');
    expect(labelOf('workOrderPriority', undefined, 'en')).toBe('');
    // @ts-expect-error a misspelt domain does not compile (npm run typecheck fails if it does)
    expect(() => labelOf('workOrderStatuses', 'closed', 'zh-CN')).toThrow();
  });

  it('never answers an inherited property for a code', () => {
    for (const code of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(labelOf('workOrderStatus', code, 'zh-CN')).toBe(code);
      expect(hasLabel('workOrderStatus', code)).toBe(false);
    }
    expect(isLabelDomain('workOrderStatus')).toBe(true);
    expect(isLabelDomain('toString')).toBe(false);
  });

  it('lists select options in code order', () => {
    expect(labelsOf('workOrderPriority', 'zh-CN')).toEqual([
      { value: 'urgent', label: '急修' },
      { value: 'routine', label: '零修' },
      { value: 'planned', label: '计划维修' },
    ]);
    expect(labelsOf('satisfaction', 'en').map((option) => option.label)).toEqual([
      'Satisfied',
      'Basically satisfied',
      'Dissatisfied',
    ]);
  });

  it('reports what is wrong with a domain against a library’s codes', () => {
    expect(labelProblems('workOrderPriority', ['urgent', 'routine', 'planned'])).toEqual([]);
    expect(labelProblems('workOrderPriority', ['urgent', 'routine', 'planned', 'emergency'])).toEqual([
      "workOrderPriority: no label for 'emergency'",
    ]);
    expect(labelProblems('workOrderPriority', ['urgent', 'routine'])).toEqual([
      "workOrderPriority: label for 'planned', which the library does not have",
    ]);
    expect(labelProblems('workOrderPriority', ['routine', 'urgent', 'planned'])[0]).toContain('order');
    expect(labelProblems('workOrderPriority', ['urgent', 'routine'], ['planned'])).toEqual([]);
    expect(labelProblems('workOrderPriority', ['urgent', 'routine', 'planned'], ['planned'])).toEqual([
      "workOrderPriority: 'planned' is in the library now: drop it from the pending codes",
    ]);
  });

  it('stays a leaf: no import of anything but its own files (the web app bundles it)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    const imports = files(__dirname)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]),
      );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((path) => !path.startsWith('.'))).toEqual([]);
  });
});
