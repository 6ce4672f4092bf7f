import { expect, test } from '@playwright/test';
import { sunshineResident, tinyPng } from './support/desk';
import { expectAccessible, screenshot, signIn } from './support/people';

test.describe('the front desk', () => {
  test('a phone call: last 4 digits → the unit → an urgent repair ticket with a photo → dispatch', async ({
    page,
    request,
  }) => {
    const { desk, resident } = await sunshineResident(request);
    const unitLabel = resident.unitLabel ?? '';
    expect(resident.phone).toMatch(/\d{4}$/);

    await signIn(page, 'frontdesk');
    await expect(page).toHaveURL(/\/e\/SUNSHINE\/desk$/);
    await expect(page.getByText('输入电话后4位或楼栋-房号').first()).toBeVisible();

    await page.getByLabel('电话或楼栋房号').fill(resident.phone.slice(-4));
    const choose = page.getByRole('button', { name: `选择 ${unitLabel}`, exact: true });
    await expect(choose).toBeVisible();
    await expect(
      page.getByRole('link', { name: `拨打 ${resident.name} ${resident.phone}` }).first(),
    ).toHaveAttribute('href', `tel:${resident.phone}`);
    await choose.click();
    await expect(page.getByRole('heading', { name: `${unitLabel} 的记录` })).toBeVisible();
    await expect(page.getByRole('heading', { name: '未完成工单' })).toBeVisible();
    await expectAccessible(page, 'caller lookup');
    await screenshot(page, 'caller-lookup');

    await page.getByRole('button', { name: '新建报修' }).click();
    await expect(page).toHaveURL(/\/work-orders\/new\?unitId=/);
    await expect(page.getByRole('heading', { name: '新建报修', level: 2 })).toBeVisible();
    await expect(page.getByLabel('报修人')).toHaveValue(resident.name);
    await expect(page.getByLabel('联系电话')).toHaveValue(resident.phone);

    await page.getByText('急修', { exact: true }).click();
    await page.getByLabel('类别').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '给排水维修' }).click();
    await page.getByLabel('问题描述').fill('厨房水管爆裂,水漫到客厅');
    await page.locator('input[type=file]').setInputFiles({
      name: 'leak.png',
      mimeType: 'image/png',
      buffer: tinyPng(),
    });
    await expect(page.getByRole('img', { name: 'leak.png' })).toBeVisible();

    // the deadlines before saving: on site within 30 min, done within 24 h (the demo estate's SLA)
    const sla = page.getByRole('region', { name: /时限/ });
    await expect(sla).toContainText('到场时限');
    await expect(sla).toContainText('30分钟内');
    await expect(sla).toContainText('完成时限');
    await expect(sla).toContainText('24小时内');
    await expectAccessible(page, 'new repair ticket');
    await screenshot(page, 'new-work-order');

    await page.getByRole('button', { name: '保存工单' }).click();
    const code = page.getByTestId('work-order-code');
    await expect(code).toHaveText(/^WO-\d{4}-\d{6}$/);
    const orderCode = (await code.textContent()) ?? '';

    await page.getByRole('button', { name: '立即派单' }).click();
    await expect(page).toHaveURL(/\/e\/SUNSHINE\/work-orders\/[0-9a-f-]{36}\?dispatch=1$/);
    const orderId = /work-orders\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';

    const order = await desk.get<{
      code: string;
      unitId: string;
      priority: string;
      category: string;
      channel: string;
      arrivalDueAt: string | null;
      attachments: { fileName: string; contentType: string }[];
    }>(`/work-orders/${orderId}`);
    expect(order.code).toBe(orderCode);
    expect(order.unitId).toBe(resident.unitId);
    expect(order.priority).toBe('urgent');
    expect(order.category).toBe('plumbing');
    expect(order.channel).toBe('phone');
    expect(order.arrivalDueAt).toBeTruthy();
    expect(order.attachments).toEqual([
      expect.objectContaining({ fileName: 'leak.png', contentType: 'image/png' }),
    ]);
  });
});
