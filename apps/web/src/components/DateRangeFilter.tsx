import { Input, Space } from 'antd';

/**
 * A list's date-range filter as two native date fields (the browser's own calendar, in its
 * language): local dates `YYYY-MM-DD` in and out, either end may be empty. Used instead of antd's
 * RangePicker on the lists so their first screen does not load the date-picker library (≈30 KB
 * compressed) — the lists' JavaScript budget (docs/performance.md).
 */
export function DateRangeFilter({
  label,
  fromLabel,
  toLabel,
  from,
  to,
  onChange,
}: {
  label: string;
  fromLabel: string;
  toLabel: string;
  from: string | null;
  to: string | null;
  onChange: (range: { from: string | null; to: string | null }) => void;
}) {
  return (
    <Space.Compact role="group" aria-label={label}>
      <span className="filter-addon" aria-hidden>
        {label}
      </span>
      <Input
        type="date"
        aria-label={`${label} ${fromLabel}`}
        value={from ?? ''}
        max={to ?? undefined}
        onChange={(event) => onChange({ from: event.target.value || null, to })}
        style={{ width: 160 }}
      />
      <Input
        type="date"
        aria-label={`${label} ${toLabel}`}
        value={to ?? ''}
        min={from ?? undefined}
        onChange={(event) => onChange({ from, to: event.target.value || null })}
        style={{ width: 160 }}
      />
    </Space.Compact>
  );
}
