import {
  AuditOutlined,
  CustomerServiceOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ToolOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Role } from '../auth/session';
import { defineMessages } from '../i18n';
import { DESK } from './roles';

/**
 * Every screen of the app in one table: its path under /e/:estate/, who may open it, whether it is
 * in the menu, and its code (split by route: each page is its own chunk). The menu is built from
 * this table for the signed-in role; a typed URL whose roles exclude the person shows "no access".
 */
export interface Screen {
  path: string;
  title: ScreenTitle;
  roles: readonly Role[];
  icon?: ReactNode;
  menu: boolean;
  page: LazyExoticComponent<ComponentType>;
}

export const screenTitles = defineMessages(
  {
    desk: '来电受理',
    board: '工单看板',
    workOrder: '工单详情',
    newWorkOrder: '新建报修',
    returnVisits: '回访',
    complaints: '投诉',
    complaint: '投诉详情',
    newComplaint: '新建投诉',
    myOrders: '我的工单',
    myRepairs: '我的报修',
    myComplaints: '我的投诉',
  },
  {
    desk: 'Caller lookup',
    board: 'Work orders',
    workOrder: 'Work order',
    newWorkOrder: 'New repair ticket',
    returnVisits: 'Return visits',
    complaints: 'Complaints',
    complaint: 'Complaint',
    newComplaint: 'New complaint',
    myOrders: 'My orders',
    myRepairs: 'My repairs',
    myComplaints: 'My complaints',
  },
);
export type ScreenTitle = keyof typeof screenTitles.zh;

const READ_ORDERS: readonly Role[] = [...DESK, 'technician', 'finance', 'resident'];

export const SCREENS: Screen[] = [
  {
    path: 'desk',
    title: 'desk',
    roles: DESK,
    icon: <PhoneOutlined />,
    menu: true,
    page: lazy(() => import('../pages/desk/CallerLookup')),
  },
  {
    path: 'work-orders',
    title: 'board',
    roles: [...DESK, 'finance'],
    icon: <UnorderedListOutlined />,
    menu: true,
    page: lazy(() => import('../pages/work-orders/Board')),
  },
  {
    path: 'work-orders/new',
    title: 'newWorkOrder',
    roles: DESK,
    menu: false,
    page: lazy(() => import('../pages/work-orders/NewWorkOrder')),
  },
  {
    path: 'work-orders/:id',
    title: 'workOrder',
    roles: READ_ORDERS,
    menu: false,
    page: lazy(() => import('../pages/work-orders/WorkOrderDetail')),
  },
  {
    path: 'return-visits',
    title: 'returnVisits',
    roles: DESK,
    icon: <AuditOutlined />,
    menu: true,
    page: lazy(() => import('../pages/work-orders/ReturnVisits')),
  },
  {
    path: 'complaints',
    title: 'complaints',
    roles: [...DESK, 'technician', 'security', 'cleaner'],
    icon: <CustomerServiceOutlined />,
    menu: true,
    page: lazy(() => import('../pages/complaints/Complaints')),
  },
  {
    path: 'complaints/new',
    title: 'newComplaint',
    roles: [...DESK, 'resident'],
    menu: false,
    page: lazy(() => import('../pages/complaints/NewComplaint')),
  },
  {
    path: 'complaints/:id',
    title: 'complaint',
    roles: [...DESK, 'technician', 'security', 'cleaner', 'resident'],
    menu: false,
    page: lazy(() => import('../pages/complaints/ComplaintDetail')),
  },
  {
    path: 'my-orders',
    title: 'myOrders',
    roles: ['technician'],
    icon: <ToolOutlined />,
    menu: true,
    page: lazy(() => import('../pages/technician/MyOrders')),
  },
  {
    path: 'my-repairs',
    title: 'myRepairs',
    roles: ['resident'],
    icon: <ToolOutlined />,
    menu: true,
    page: lazy(() => import('../pages/resident/MyRepairs')),
  },
  {
    path: 'my-complaints',
    title: 'myComplaints',
    roles: ['resident'],
    icon: <ProfileOutlined />,
    menu: true,
    page: lazy(() => import('../pages/resident/MyComplaints')),
  },
];

/** Where a role lands after signing in. */
export function homePath(role: Role): string {
  switch (role) {
    case 'technician':
      return 'my-orders';
    case 'resident':
      return 'my-repairs';
    case 'finance':
      return 'work-orders';
    case 'security':
    case 'cleaner':
      return 'complaints';
    default:
      return 'desk';
  }
}
