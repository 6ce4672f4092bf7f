import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { call, client } from '../../api/client';
import { defineMessages, useT } from '../../i18n';
import { useEstate } from '../../shell/estate';
import { lookupParams, useDebounced } from './useDebounced';

const messages = defineMessages(
  {
    placeholder: '输入楼栋-房号或电话后4位搜索',
    none: '没有匹配的房屋',
  },
  {
    placeholder: 'Search building-room or the last 4 digits of a phone',
    none: 'No matching unit',
  },
);

/** A unit by type-ahead over /units/lookup; a unit given in the URL is looked up once for its label. */
export function UnitSelect({
  id,
  value,
  onChange,
  initialLabel,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  initialLabel?: string;
}) {
  const t = useT(messages);
  const estate = useEstate();
  const [text, setText] = useState('');
  const settled = useDebounced(text, 250);
  const lookup = lookupParams(settled);
  const units = useQuery({
    queryKey: ['units-lookup', estate.id, 'select', settled],
    enabled: lookup !== null,
    queryFn: () =>
      call(client.GET('/api/v1/units/lookup', { params: { query: { estateId: estate.id, ...lookup } } })),
  });
  const known = useQuery({
    queryKey: ['unit', value],
    enabled: Boolean(value) && !initialLabel,
    staleTime: 5 * 60_000,
    queryFn: () => call(client.GET('/api/v1/units/{id}', { params: { path: { id: value ?? '' } } })),
  });
  const givenLabel =
    initialLabel ?? (known.data ? `${known.data.buildingNumber}-${known.data.number}` : undefined);
  const options = (units.data ?? []).map((unit) => ({
    value: unit.id,
    label: `${unit.unitLabel} ${unit.buildingName}${unit.residents[0] ? ` · ${unit.residents[0].name}` : ''}`,
  }));
  if (value && givenLabel && !options.some((option) => option.value === value))
    options.unshift({ value, label: givenLabel });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      placeholder={t('placeholder')}
      notFoundContent={lookup ? t('none') : null}
      loading={units.isFetching}
      options={options}
    />
  );
}
