import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, call, client, type Schemas } from '../api/client';
import { defineMessages, useT } from '../i18n';
import { useLabel } from '../labels';
import { isVersionConflict } from './Conflict';

type Assignee = Schemas['AssigneeResponse'];

const messages = defineMessages(
  {
    title: '派单 {code}',
    reassignTitle: '改派 {code}',
    name: '维修员',
    open: '未完成工单',
    today: '今日工单',
    categories: '近 90 天所做类别',
    matches: '擅长此类',
    current: '当前处理人',
    none: '本小区暂无在岗维修员。',
    pick: '请选择一名维修员。',
    ok: '派单',
    reassign: '改派',
    cancel: '取消',
    done: '已派给 {name}',
    sortNote: '按是否做过此类报修、未完成工单数、今日工单数排序。',
  },
  {
    title: 'Dispatch {code}',
    reassignTitle: 'Reassign {code}',
    name: 'Technician',
    open: 'Open orders',
    today: 'Today',
    categories: 'Categories (last 90 days)',
    matches: 'Works this category',
    current: 'Current assignee',
    none: 'This estate has no active technicians.',
    pick: 'Choose a technician.',
    ok: 'Dispatch',
    reassign: 'Reassign',
    cancel: 'Cancel',
    done: 'Dispatched to {name}',
    sortNote: 'Sorted by experience with this category, then open orders, then today’s orders.',
  },
);

export interface DispatchOrder {
  id: string;
  code: string;
  estateId: string;
  category: string;
  version: number;
  assigneeId?: string | null;
}

/**
 * Sensible order for dispatch: people who have done this kind of repair first, then the least
 * loaded (open orders, then today's), then by name — so the first row is the usual choice.
 */
export function rankAssignees(people: readonly Assignee[], category: string): Assignee[] {
  const knows = (person: Assignee) => person.categories.some((item) => item.category === category);
  return [...people].sort(
    (a, b) =>
      Number(knows(b)) - Number(knows(a)) ||
      a.openCount - b.openCount ||
      a.todayCount - b.todayCount ||
      a.displayName.localeCompare(b.displayName, 'zh-CN'),
  );
}

/**
 * The dispatch dialog (派单 / 改派): the estate's technicians with their load and the categories
 * they work, the usual choice first; assigning sends the version read, so a change made meanwhile
 * comes back as a conflict (`onConflict`) rather than overwriting it.
 */
export function DispatchDialog({
  order,
  open,
  onClose,
  onDone,
  onConflict,
}: {
  order: DispatchOrder;
  open: boolean;
  onClose: () => void;
  onDone?: (assignee: Assignee) => void;
  onConflict?: () => void;
}) {
  const t = useT(messages);
  const label = useLabel();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reassign = Boolean(order.assigneeId);

  const assignees = useQuery({
    queryKey: ['assignees', order.estateId],
    queryFn: () =>
      call(client.GET('/api/v1/work-orders/assignees', { params: { query: { estateId: order.estateId } } })),
    enabled: open,
  });
  const ranked = useMemo(
    () => rankAssignees(assignees.data ?? [], order.category),
    [assignees.data, order.category],
  );
  const choice = picked ?? ranked.find((person) => person.id !== order.assigneeId)?.id ?? null;

  const assign = useMutation({
    mutationFn: (assigneeId: string) =>
      call(
        client.POST('/api/v1/work-orders/{id}/assign', {
          params: { path: { id: order.id } },
          body: { assigneeId, version: order.version },
        }),
      ),
    onSuccess: (_order, assigneeId) => {
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['work-order', order.id] });
      void queryClient.invalidateQueries({ queryKey: ['assignees', order.estateId] });
      const person = ranked.find((item) => item.id === assigneeId);
      setPicked(null);
      setError(null);
      if (person) onDone?.(person);
      onClose();
    },
    onError: (cause) => {
      if (isVersionConflict(cause) && onConflict) {
        onClose();
        onConflict();
        return;
      }
      setError(cause instanceof ApiError ? cause.message : String(cause));
    },
  });

  return (
    <Modal
      open={open}
      title={t(reassign ? 'reassignTitle' : 'title', { code: order.code })}
      okText={t(reassign ? 'reassign' : 'ok')}
      cancelText={t('cancel')}
      width={760}
      onCancel={() => {
        setPicked(null);
        setError(null);
        onClose();
      }}
      okButtonProps={{ disabled: !choice, loading: assign.isPending }}
      onOk={() => (choice ? assign.mutate(choice) : setError(t('pick')))}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('sortNote')}</Typography.Paragraph>
      <Table<Assignee>
        rowKey="id"
        size="small"
        loading={assignees.isLoading}
        dataSource={ranked}
        pagination={false}
        locale={{ emptyText: t('none') }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: choice ? [choice] : [],
          onChange: (keys) => setPicked(String(keys[0])),
          getCheckboxProps: (person) => ({
            'aria-label': person.displayName,
            disabled: person.id === order.assigneeId,
          }),
        }}
        onRow={(person) => ({
          onClick: () => person.id !== order.assigneeId && setPicked(person.id),
          'data-testid': `assignee-${person.displayName}`,
        })}
        columns={[
          {
            title: t('name'),
            key: 'name',
            render: (_value, person) => (
              <Space size={4} wrap>
                <Typography.Text strong>{person.displayName}</Typography.Text>
                {person.id === order.assigneeId ? <Tag>{t('current')}</Tag> : null}
                {person.categories.some((item) => item.category === order.category) ? (
                  <Tag color="blue">{t('matches')}</Tag>
                ) : null}
                {person.phone ? <Typography.Text type="secondary">{person.phone}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: t('open'), dataIndex: 'openCount', key: 'open', align: 'right', width: 110 },
          { title: t('today'), dataIndex: 'todayCount', key: 'today', align: 'right', width: 100 },
          {
            title: t('categories'),
            key: 'categories',
            render: (_value, person) =>
              person.categories
                .slice(0, 4)
                .map((item) => label('workOrderCategory', item.category))
                .join('、') || '—',
          },
        ]}
      />
    </Modal>
  );
}
