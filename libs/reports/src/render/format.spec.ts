import { allMessages, messagesFor } from './messages';
import {
  formatDateTime,
  formatFraction,
  formatMetricValue,
  formatPercent,
  formatPeriod,
  formatTarget,
} from './format';

describe('report formatting', () => {
  it('prints values, targets and fractions as the report shows them', () => {
    expect(formatPercent(66.6667, 'zh-CN')).toBe('66.67%');
    expect(formatPercent(100, 'en')).toBe('100%');
    expect(formatPercent(null, 'en')).toBe('—');
    expect(formatMetricValue({ unit: 'count' }, 3, 'zh-CN')).toBe('3');
    expect(formatTarget({ unit: 'percent', target: 98, comparator: '>=' }, 'zh-CN')).toBe('≥98%');
    expect(formatTarget({ unit: 'percent', target: 2, comparator: '<=' }, 'en')).toBe('≤2%');
    expect(formatTarget({ unit: 'count', target: 0, comparator: '<=' }, 'en')).toBe('0');
    expect(formatTarget({ unit: 'count', target: 1, comparator: '<=' }, 'en')).toBe('≤1');
    // #4 is in fen (yuan shown), asset rates in hundredths (120050 → 1,200.5 m²), others as counts.
    expect(
      formatFraction({ code: 'fee_collection_rate', numerator: 12345, denominator: 94000 }, 'zh-CN'),
    ).toBe('¥123.45 / ¥940.00');
    expect(formatFraction({ code: 'house_intact_rate', numerator: 120050, denominator: 200050 }, 'en')).toBe(
      '1,200.5 / 2,000.5',
    );
    expect(formatFraction({ code: 'public_order_cases', numerator: 1, denominator: null }, 'en')).toBe('1');
  });

  it('formats periods and instants in the estate zone per locale', () => {
    expect(formatPeriod('2026-10', 'zh-CN')).toBe('2026年10月');
    expect(formatPeriod('2026-10', 'en')).toBe('October 2026');
    // 1 Nov 19:00 UTC is 2 Nov 03:00 in Shanghai.
    expect(formatDateTime(new Date('2026-11-01T19:00:00Z'), 'Asia/Shanghai', 'zh-CN')).toBe(
      '2026年11月2日 03:00',
    );
    expect(formatDateTime('2026-11-01T19:00:00Z', 'Asia/Shanghai', 'en')).toBe('2 Nov 2026 03:00');
  });

  it('has an English catalogue without Chinese and fills placeholders', () => {
    expect(
      allMessages('en').filter((text) => /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(text)),
    ).toEqual([]);
    expect(messagesFor('en').t('page', { page: 2, pages: 7 })).toBe('Page 2 of 7');
    expect(messagesFor('zh-CN').t('more', { count: 5 })).toBe('另有 5 条,详见 Excel 工作簿');
  });
});
