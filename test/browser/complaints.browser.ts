import { expect, test, type Page } from '@playwright/test';
import { sunshineResident, tinyPng } from './support/desk';
import { expectAccessible, screenshot, signIn } from './support/people';

/** From the caller lookup to a filled complaint form for the resident's unit (not yet submitted). */
async function takeComplaint(page: Page, unitLabel: string, last4: string, text: string): Promise<void> {
  await page.goto('/e/SUNSHINE/desk');
  await page.getByLabel('电话或楼栋房号').fill(last4);
  await page.getByRole('button', { name: `选择 ${unitLabel}`, exact: true }).click();
  await page.getByRole('button', { name: '新建投诉' }).click();
  await expect(page.getByRole('heading', { name: '新建投诉', level: 2 })).toBeVisible();
  await page.getByLabel('投诉类别').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '环境卫生' }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('投诉内容').fill(text);
}

async function submitComplaint(page: Page): Promise<string> {
  await page.getByRole('button', { name: '提交投诉' }).click();
  await expect(page).toHaveURL(/\/complaints\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: '投诉详情' })).toBeVisible();
  return /complaints\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
}

test.describe('complaints at the front desk', () => {
  test('one judged invalid with a reason; another judged valid and turned into a work order', async ({
    page,
    request,
  }) => {
    const { desk, resident } = await sunshineResident(request);
    const unitLabel = resident.unitLabel ?? '';
    const last4 = resident.phone.slice(-4);
    await signIn(page, 'frontdesk');

    // 1. taken at the desk, with a photo; judged invalid (duplicate)
    await takeComplaint(page, unitLabel, last4, '楼道垃圾三天未清理');
    await expect(page.getByLabel('投诉人')).toHaveValue(resident.name);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'hall.png', mimeType: 'image/png', buffer: tinyPng() });
    await expect(page.getByRole('img', { name: 'hall.png' })).toBeVisible();
    await expectAccessible(page, 'new complaint');
    await screenshot(page, 'new-complaint');
    const first = await submitComplaint(page);
    await expect(page.getByTestId('complaint-status')).toHaveText(/已受理/);
    await expect(page.getByRole('button', { name: '下载 hall.png' })).toBeVisible();

    await page.getByRole('button', { name: /^判\s*定$/ }).click();
    const judge = page.getByRole('dialog', { name: '判定' });
    await judge.getByText('无效投诉').click();
    await judge.getByLabel('无效原因').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '重复投诉' }).click();
    await judge.getByLabel('说明').fill('与昨日投诉重复');
    await judge.getByRole('button', { name: /^确\s*定$/ }).click();
    await expect(judge).toBeHidden();
    await expect(page.getByTestId('complaint-status')).toHaveText(/无效投诉/);
    const history = page.locator('.ant-timeline');
    await expect(history).toContainText('重复投诉');
    await expect(history).toContainText('与昨日投诉重复');
    await expect(page.getByRole('button', { name: /^关\s*闭$/ })).toBeVisible();
    const judged = await desk.get<{ code: string; status: string; invalidReason: string }>(
      `/complaints/${first}`,
    );
    expect(judged).toMatchObject({ status: 'invalid', invalidReason: 'duplicate' });

    // 2. judged valid, then turned into a work order
    await takeComplaint(page, unitLabel, last4, '维修后卫生间仍然漏水');
    const second = await submitComplaint(page);
    await page.getByRole('button', { name: /^判\s*定$/ }).click();
    const judge2 = page.getByRole('dialog', { name: '判定' });
    await judge2.getByRole('button', { name: /^确\s*定$/ }).click();
    await expect(judge2).toBeHidden();
    await expect(page.getByTestId('complaint-status')).toHaveText(/有效投诉/);
    await expectAccessible(page, 'complaint detail');
    await screenshot(page, 'complaint-detail');

    await page.getByRole('button', { name: /转工单/ }).click();
    const dialog = page.getByRole('dialog', { name: '由此投诉新建整改工单' });
    await dialog.getByLabel('工单类别').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '给排水维修' }).click();
    await dialog.getByRole('button', { name: /^确\s*定$/ }).click();
    const link = dialog.getByRole('link', { name: /^WO-\d{4}-\d{6}$/ });
    await expect(link).toBeVisible();
    const code = (await link.textContent()) ?? '';
    await link.click();
    await expect(page).toHaveURL(/\/e\/SUNSHINE\/work-orders\/[0-9a-f-]{36}$/);
    const orderId = /work-orders\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';

    const linked = await desk.get<{ workOrders: { workOrderId: string; relation: string }[] }>(
      `/complaints/${second}`,
    );
    expect(linked.workOrders).toEqual([expect.objectContaining({ workOrderId: orderId, relation: 'fixes' })]);
    const order = await desk.get<{ code: string; unitId: string }>(`/work-orders/${orderId}`);
    expect(order).toMatchObject({ code, unitId: resident.unitId });

    // the list: filtered by status in the URL
    await page.goto('/e/SUNSHINE/complaints?status=invalid');
    await expect(page.getByRole('heading', { name: '投诉', level: 2 })).toBeVisible();
    await expect(page.getByRole('link', { name: judged.code })).toBeVisible();
    await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
    await expectAccessible(page, 'complaints list');
    await screenshot(page, 'complaints');
  });
});
