import { expect, test, type Browser } from '@playwright/test';
import { tinyPng } from './support/desk';
import {
  apiAs,
  DEMO_PASSWORD,
  expectAccessible,
  screenshot,
  signIn,
  type ApiSession,
} from './support/people';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

interface Order {
  id: string;
  code: string;
  version: number;
  status: string;
  priority: string;
  assigneeId: string | null;
  assigneeName: string | null;
  acceptanceResult: string | null;
  acceptedBy: string | null;
  satisfaction: string | null;
  acceptanceComment: string | null;
  materials: { name: string; quantity: number; unit: string | null; unitCostFen: number; totalFen: number }[];
  attachments: { fileName: string; contentType: string }[];
}

async function sunshine(desk: ApiSession): Promise<string> {
  const estates = await desk.get<{ items: { id: string; code: string }[] }>('/estates?pageSize=100');
  const estate = estates.items.find((item) => item.code === 'SUNSHINE');
  expect(estate, 'the demo estate').toBeTruthy();
  return estate?.id ?? '';
}

/** A new order through the API (the desk's part is tested in desk.browser.ts). */
async function newOrder(desk: ApiSession, body: Record<string, unknown>): Promise<Order> {
  return desk.post<Order>('/work-orders', {
    estateId: await sunshine(desk),
    category: 'plumbing',
    priority: 'routine',
    channel: 'phone',
    description: '卫生间角阀漏水',
    reporterName: '陈女士',
    reporterPhone: '13900001234',
    ...body,
  });
}

async function phonePage(browser: Browser) {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

test.describe('work-order detail', () => {
  test('two desk tabs on one order: the stale tab is told someone else changed it, reloads and acts', async ({
    page,
    request,
  }) => {
    const desk = await apiAs(request, 'frontdesk');
    const order = await newOrder(desk, { locationText: '5号楼 地下车库' });
    await signIn(page, 'frontdesk');

    // tab B reads the order and opens a form with the version it read
    const tabB = await page.context().newPage();
    await tabB.goto(`/e/SUNSHINE/work-orders/${order.id}`);
    await expect(tabB.getByTestId('work-order-code')).toHaveText(order.code);
    await tabB.getByRole('button', { name: '调整级别' }).click();
    const priorityForm = tabB.getByRole('dialog');
    await priorityForm.getByText('急修', { exact: true }).click();
    await priorityForm.getByLabel('调整原因').fill('业主家中有老人,水已漫出');

    // tab A arrives from "立即派单" (?dispatch=1): the dispatch dialog is open at once
    await page.goto(`/e/SUNSHINE/work-orders/${order.id}?dispatch=1`);
    const dispatch = page.getByRole('dialog', { name: `派单 ${order.code}` });
    await expect(dispatch).toBeVisible();
    await expectAccessible(page, 'dispatch dialog on the order');
    await dispatch.getByRole('button', { name: /派\s*单/ }).click();
    await expect(page.getByRole('status')).toContainText('已派给');
    await expect(page).not.toHaveURL(/dispatch=1/);

    // tab B sends its stale version: refused, the banner says why and offers the reload
    await tabB.bringToFront();
    await priorityForm.getByRole('button', { name: /确\s*定/ }).click();
    const banner = tabB.getByRole('alert').filter({ hasText: '他人已修改此工单' });
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: /刷\s*新/ }).click();
    await expect(banner).toHaveCount(0);
    const dispatched = await desk.get<Order>(`/work-orders/${order.id}`);
    expect(dispatched.assigneeName).toBeTruthy();
    await expect(tabB.getByTestId('work-order-status')).toHaveText('已派单');
    await expect(tabB.getByText(dispatched.assigneeName ?? '').first()).toBeVisible();

    await tabB.getByRole('button', { name: '调整级别' }).click();
    const again = tabB.getByRole('dialog');
    await again.getByText('急修', { exact: true }).click();
    await again.getByLabel('调整原因').fill('业主家中有老人,水已漫出');
    await again.getByRole('button', { name: /确\s*定/ }).click();
    await expect(again).toHaveCount(0);
    await expect(tabB.getByTestId('history-entry').filter({ hasText: '调整级别' })).toContainText(
      '零修 → 急修',
    );
    const changed = await desk.get<Order>(`/work-orders/${order.id}`);
    expect(changed.priority).toBe('urgent');
    expect(changed.assigneeId).toBe(dispatched.assigneeId);
  });

  test('a technician on a phone: my orders → arrive → complete with a photo and a material', async ({
    browser,
    request,
  }) => {
    const desk = await apiAs(request, 'frontdesk');
    const technician = await apiAs(request, 'tech1');
    const order = await newOrder(desk, {
      locationText: '3号楼 2单元 电梯厅',
      category: 'electrical',
      priority: 'urgent',
      description: '电梯厅照明全部不亮',
    });
    await desk.post(`/work-orders/${order.id}/assign`, { assigneeId: technician.user.id });

    const { context, page } = await phonePage(browser);
    await signIn(page, 'tech1');
    await expect(page).toHaveURL(/\/e\/SUNSHINE\/my-orders$/);
    await expect(page.getByRole('heading', { name: '我的工单', level: 2 })).toBeVisible();
    const card = page.getByTestId(`order-card-${order.code}`);
    await expect(card).toContainText('电梯厅');
    await expect(card).toContainText('电气维修');
    await expect(card).toContainText(/\d+分钟内到场|到场已超时/);
    await expect(card.getByRole('link', { name: '拨打 陈女士 13900001234' })).toHaveAttribute(
      'href',
      'tel:13900001234',
    );
    await expectAccessible(page, 'technician orders (phone)');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'technician-orders');

    await card.getByRole('link', { name: `打开工单 ${order.code}` }).tap();
    await expect(page.getByTestId('work-order-code')).toHaveText(order.code);
    await page.getByRole('button', { name: '到场' }).tap();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .tap();
    await expect(page.getByTestId('work-order-status')).toHaveText('维修中');
    await expect(page.getByRole('button', { name: '挂起' })).toBeVisible();
    await screenshot(page, 'technician-order-detail');

    await page.getByRole('button', { name: '完工' }).tap();
    const form = page.getByRole('dialog');
    await form.getByLabel('处理结果').fill('更换烧毁的镇流器两只,恢复照明');
    await form.getByLabel('工时(分钟)').fill('45');
    await form.getByRole('button', { name: '添加材料' }).tap();
    await form.getByLabel('材料名称').fill('镇流器');
    await form.getByLabel('数量').fill('2');
    await form.getByLabel('单位').fill('只');
    await form.getByLabel('单价(元)').fill('12.5');
    await form.locator('input[type=file][capture=environment]').setInputFiles({
      name: 'after.png',
      mimeType: 'image/png',
      buffer: tinyPng(),
    });
    await expect(form.getByRole('img', { name: 'after.png' })).toBeVisible();
    await expectAccessible(page, 'complete form (phone)');
    await form.getByRole('button', { name: /确\s*定/ }).tap();
    await expect(page.getByTestId('work-order-status')).toHaveText('已完工');
    await expect(page.getByRole('img', { name: '照片 after.png' })).toBeVisible();
    await expect(page.getByText('¥25.00').first()).toBeVisible();
    await expectAccessible(page, 'work-order detail (phone)');

    const done = await desk.get<Order>(`/work-orders/${order.id}`);
    expect(done.status).toBe('completed');
    expect(done.materials).toEqual([
      expect.objectContaining({ name: '镇流器', quantity: 2, unit: '只', unitCostFen: 1250, totalFen: 2500 }),
    ]);
    expect(done.attachments).toEqual([
      expect.objectContaining({ fileName: 'after.png', contentType: 'image/png' }),
    ]);
    await context.close();

    // the desk's view of the same order, with its photo, materials and history (desktop)
    const deskContext = await browser.newContext();
    const deskPage = await deskContext.newPage();
    // the order's link first: sign-in, then back to it (the screenshot waits for the network to settle,
    // which a full page load with the live stream open never does)
    await deskPage.goto(`/e/SUNSHINE/work-orders/${order.id}`);
    await deskPage.getByLabel('用户名').fill('frontdesk');
    await deskPage.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await deskPage.getByRole('button', { name: /登\s*录/ }).click();
    await expect(deskPage.getByTestId('work-order-code')).toHaveText(order.code);
    await expect(deskPage.getByRole('img', { name: '照片 after.png' })).toBeVisible();
    await expect(deskPage.getByTestId('history-entry').filter({ hasText: '完工' })).toContainText(
      '更换烧毁的镇流器',
    );
    await expectAccessible(deskPage, 'work-order detail (desk)');
    await screenshot(deskPage, 'work-order-detail');
    await deskPage.getByRole('img', { name: '照片 after.png' }).click();
    await expect(deskPage.locator('.ant-image-preview-img')).toBeVisible();
    await deskContext.close();
  });

  test('a resident on a phone sees the repair done in words and accepts it with a rating', async ({
    browser,
    request,
  }) => {
    const desk = await apiAs(request, 'frontdesk');
    const technician = await apiAs(request, 'tech1');
    const resident = await apiAs(request, 'resident1');
    const me = await resident.get<{ unitId: string | null }>('/auth/me');
    expect(me.unitId, 'resident1 lives in a unit').toBeTruthy();
    const order = await newOrder(desk, {
      unitId: me.unitId,
      description: '厨房水槽下水慢,积水不退',
    });
    let current = await desk.post<Order>(`/work-orders/${order.id}/assign`, {
      assigneeId: technician.user.id,
    });
    current = await technician.post<Order>(`/work-orders/${order.id}/start`, { version: current.version });
    await technician.post(`/work-orders/${order.id}/complete`, {
      version: current.version,
      resolution: '疏通下水管,清理存水弯',
      labourMinutes: 30,
      chargeable: false,
    });

    const { context, page } = await phonePage(browser);
    await signIn(page, 'resident1');
    await expect(page).toHaveURL(/\/e\/SUNSHINE\/my-repairs$/);
    const card = page.getByTestId(`order-card-${order.code}`);
    await expect(card.getByTestId('next-step')).toHaveText('已修好,请您验收并评价。');
    await expectAccessible(page, 'resident repairs (phone)');
    await screenshot(page, 'resident-repairs');

    await card.getByRole('link', { name: `打开工单 ${order.code}` }).tap();
    await page.getByRole('button', { name: '评价并验收' }).tap();
    const form = page.getByRole('dialog');
    await expect(form.getByText('验收方式')).toHaveCount(0);
    await form.getByText('基本满意', { exact: true }).tap();
    await form.getByLabel('您的评价(可不填)').fill('师傅很准时');
    await expectAccessible(page, 'acceptance form (phone)');
    await form.getByRole('button', { name: /确\s*定/ }).tap();
    await expect(page.getByTestId('work-order-status')).toHaveText('已关闭');
    await expect(page.getByTestId('acceptance')).toContainText('基本满意');

    const accepted = await desk.get<Order>(`/work-orders/${order.id}`);
    expect(accepted).toMatchObject({
      status: 'closed',
      acceptanceResult: 'pass',
      acceptedBy: 'resident',
      satisfaction: 'basically_satisfied',
      acceptanceComment: '师傅很准时',
    });
    await page.goto('/e/SUNSHINE/my-repairs?tab=finished');
    await expect(page.getByTestId(`order-card-${order.code}`).getByTestId('next-step')).toHaveText(
      '已验收完成,基本满意。谢谢您的评价。',
    );
    await context.close();
  });
});
