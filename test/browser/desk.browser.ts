import { expect, test, type APIRequestContext } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { apiAs, expectAccessible, screenshot, signIn } from './support/people';

interface Resident {
  id: string;
  name: string;
  phone?: string | null;
  unitId: string;
  unitLabel?: string | null;
  moveOutDate?: string | null;
}

/** A valid 8×8 PNG (one colour), built here so the test needs no fixture file. */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: 8 }, () => [9, 88, 217]).flat()),
  ]);
  const pixels = Buffer.concat(Array.from({ length: 8 }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A SUNSHINE resident living there today, with their phone in full (the list masks it). */
export async function sunshineResident(request: APIRequestContext) {
  const desk = await apiAs(request, 'manager');
  const estates = await desk.get<{ items: { id: string; code: string }[] }>('/estates?pageSize=100');
  const estate = estates.items.find((item) => item.code === 'SUNSHINE');
  expect(estate, 'the demo estate').toBeTruthy();
  const residents = await desk.get<{ items: Resident[] }>(`/residents?estateId=${estate?.id}&pageSize=100`);
  const candidate = residents.items.find((resident) => resident.phone && !resident.moveOutDate);
  expect(candidate, 'a resident with a phone').toBeTruthy();
  const resident = await desk.get<Resident>(`/residents/${candidate?.id}`);
  return { desk, estateId: estate?.id ?? '', resident: { ...resident, phone: resident.phone ?? '' } };
}

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
