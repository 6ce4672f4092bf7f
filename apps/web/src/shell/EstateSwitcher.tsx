import { Select } from 'antd';

/** The estate switcher, for people with several estates (its own chunk: most people have one). */
export default function EstateSwitcher({
  label,
  value,
  estates,
  onChange,
}: {
  label: string;
  value: string;
  estates: { code: string; name: string }[];
  onChange: (code: string) => void;
}) {
  return (
    <Select
      aria-label={label}
      value={value}
      onChange={onChange}
      style={{ minWidth: 180 }}
      options={estates.map((item) => ({ value: item.code, label: item.name }))}
    />
  );
}
