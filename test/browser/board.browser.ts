import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { sunshineResident } from './support/desk';
import { apiAs, expectAccessible, screenshot, signIn, type ApiSession } from './support/people';

interface Order {
  id: string;
  code: string;
  status: string;
  version: number;
  assigneeId: string | null;
  urgeCount: number;
  returnVisits?: { method: string; satisfaction: string | null; comment: string | null }[];
}
interface Assignee {
  id: string;
  displayName: string;
  openCount: number;
  todayCount: number;
  categories: { category: string }[];
}

/** A repair reported by phone at the desk (the start of the call is desk.browser.ts's). */
async function report(
  desk: ApiSession,
  estateId: string,
  unitId: string,
  overrides: Record<string, unknown> = {},
): Promise<Order> {
  return desk.post<Order>('/work-orders', {
    estateId,
    unitId,
    category: 'plumbing',
    priority: 'urgent',
    channel: 'phone',
    description: '卫生间水管爆裂',
    reporterName: '测试业主',
    reporterPhone: '13900001234',
    ...overrides,
  });
}

/** A word no other order has, to find this test's orders among the demo's. */
const token = (prefix: string) => `${prefix}${Date.now().toString(36)}`;

async function pick(page: Page, field: string, option: string): Promise<void> {
  await page.getByLabel(field, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .click();
}

test.describe('the work-order board', () => {
  test('the end of a phone call: found on the board, dispatched, completed, return-visited', async ({
    page,
    request,
  }) => {
    const { desk, estateId, resident } = await sunshineResident(request);
    const created = await report(desk, estateId, resident.unitId, {
      reporterName: resident.name,
      reporterPhone: resident.phone,
    });

    await signIn(page, 'frontdesk');
    await page.goto('/e/SUNSHINE/work-orders');
    await expect(page.getByRole('heading', { name: '工单看板', level: 2 })).toBeVisible();
    // new, unassigned, urgent: the filters land in the URL and survive a reload
    await pick(page, '状态', '已报修');
    await page.keyboard.press('Escape');
    await pick(page, '级别', '急修');
    await page.getByLabel('编号或内容').fill(created.code);
    await expect(page).toHaveURL(/status=reported/);
    await expect(page).toHaveURL(/priority=urgent/);
    await expect(page).toHaveURL(new RegExp(`q=${created.code}`));
    await page.reload();
    await expect(page.getByLabel('编号或内容')).toHaveValue(created.code);
    const row = page.getByRole('row').filter({ hasText: created.code });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(resident.unitLabel ?? '');
    await expect(row).toContainText('未派单');
    await expect(row.getByTestId('sla-countdown')).toHaveText(/剩 \d+分钟到场/);
    await expect(page.getByText('共 1 条')).toBeVisible();

    // the usual choice, computed here from the API: has done plumbing, then fewest open, then today
    const assignees = await desk.get<Assignee[]>(`/work-orders/assignees?estateId=${estateId}`);
    const knows = (person: Assignee) => person.categories.some((item) => item.category === 'plumbing');
    const expected = [...assignees].sort(
      (a, b) =>
        Number(knows(b)) - Number(knows(a)) ||
        a.openCount - b.openCount ||
        a.todayCount - b.todayCount ||
        a.displayName.localeCompare(b.displayName, 'zh-CN'),
    )[0];
    expect(expected, 'a technician to dispatch to').toBeTruthy();

    await row.getByRole('button', { name: `派单 ${created.code}` }).click();
    const dialog = page.getByRole('dialog', { name: `派单 ${created.code}` });
    await expect(dialog).toBeVisible();
    const first = dialog.locator('.ant-table-tbody tr.ant-table-row').first();
    await expect(first).toHaveAttribute('data-testid', `assignee-${expected.displayName}`);
    await expect(first.getByRole('radio')).toBeChecked();
    await expectAccessible(page, 'dispatch dialog');
    await screenshot(page, 'dispatch-dialog');
    await dialog.getByRole('button', { name: /^派\s*单$/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${created.code} 已派给 ${expected.displayName}`)).toBeVisible();
    // still on the board with its filters: it has left "reported"; show it by code alone
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByLabel('编号或内容').fill(created.code);
    await expect(row).toContainText(expected.displayName);
    await expect(row).toContainText('已派单');
    await expect(row.getByTestId('sla-countdown')).toHaveText(/剩 \d+分钟到场/);
    await expect(row.getByRole('button', { name: `改派 ${created.code}` })).toBeVisible();

    // the board as it opens, unfiltered
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
    await expectAccessible(page, 'board');
    await screenshot(page, 'board');

    // the technician, on their phone (through the API): on site, done
    const tech = await apiAs(request, 'tech1');
    expect(tech.user.id, 'the least-loaded technician is the demo technician').toBe(expected.id);
    const assigned = await tech.get<Order>(`/work-orders/${created.id}`);
    const started = await tech.post<Order>(`/work-orders/${created.id}/start`, { version: assigned.version });
    await tech.post<Order>(`/work-orders/${created.id}/complete`, {
      version: started.version,
      resolution: '更换角阀,试水无渗漏',
      labourMinutes: 40,
      chargeable: false,
    });

    // the return-visit queue, oldest first: this order is the newest, on the last page
    const queue = await desk.get<{ total: number }>(
      `/work-orders?estateId=${estateId}&returnVisited=false&sort=completedAt&pageSize=1`,
    );
    const lastPage = Math.max(1, Math.ceil(queue.total / 20));
    await page.goto(`/e/SUNSHINE/return-visits?page=${lastPage}&pageSize=20`);
    await expect(page.getByRole('heading', { name: '回访', level: 2 })).toBeVisible();
    const visitRow = page.getByRole('row').filter({ hasText: created.code });
    await expect(visitRow).toHaveCount(1);
    await expect(visitRow).toContainText(expected.displayName);
    await expect(visitRow).toContainText(resident.name);
    await visitRow.getByRole('button', { name: `回访 ${created.code}` }).click();
    const form = page.getByTestId(`visit-${created.code}`);
    await expect(form.getByRole('link', { name: `拨打 ${resident.name} ${resident.phone}` })).toHaveAttribute(
      'href',
      `tel:${resident.phone}`,
    );
    await expect(form).toContainText('更换角阀');
    await form.getByText('满意', { exact: true }).click();
    await form.getByLabel('回访记录').fill('已不漏水,师傅准时');
    await expectAccessible(page, 'return-visit queue');
    await screenshot(page, 'return-visits');
    await form.getByRole('button', { name: '保存回访' }).click();
    await expect(page.getByText(`${created.code} 已回访`)).toBeVisible();
    await expect(visitRow).toHaveCount(0);

    const visited = await desk.get<Order>(`/work-orders/${created.id}`);
    expect(visited.returnVisits).toEqual([
      expect.objectContaining({ method: 'phone', satisfaction: 'satisfied', comment: '已不漏水,师傅准时' }),
    ]);
  });

  test('live: an order reported elsewhere appears on another desk’s board without a reload', async ({
    browser,
    page,
    request,
  }) => {
    const { desk, estateId, resident } = await sunshineResident(request);
    const word = token('LIVE');
    await signIn(page, 'frontdesk');
    await page.goto(`/e/SUNSHINE/work-orders?q=${word}`);
    await expect(page.getByText('没有符合条件的工单')).toBeVisible();

    const other = await browser.newContext();
    const second = await other.newPage();
    await signIn(second, 'manager');
    await second.goto(`/e/SUNSHINE/work-orders?q=${word}`);
    await expect(second.getByText('没有符合条件的工单')).toBeVisible();

    const created = await report(desk, estateId, resident.unitId, { description: `阳台漏水 ${word}` });
    for (const board of [page, second])
      await expect(board.getByRole('row').filter({ hasText: created.code })).toBeVisible();
    await other.close();
  });

  test('the export holds exactly the filtered rows, in Chinese', async ({ page, request }) => {
    const { desk, estateId, resident } = await sunshineResident(request);
    const word = token('XLSX');
    const urgent = await report(desk, estateId, resident.unitId, { description: `水管爆裂 ${word}` });
    await report(desk, estateId, resident.unitId, {
      description: `灯不亮 ${word}`,
      priority: 'routine',
      category: 'electrical',
    });
    const urged = await report(desk, estateId, resident.unitId, { description: `又漏了 ${word}` });

    await signIn(page, 'frontdesk');
    await page.goto(`/e/SUNSHINE/work-orders?q=${word}&priority=urgent`);
    await expect(page.getByText('共 2 条')).toBeVisible();
    // 催单 from the row: counted and shown
    const urgedRow = page.getByRole('row').filter({ hasText: urged.code });
    await urgedRow.getByRole('button', { name: `催单 ${urged.code}` }).click();
    await page.getByRole('button', { name: /^记催单$/ }).click();
    await expect(page.getByText(`${urged.code} 已催单(第 1 次)`)).toBeVisible();
    await expect(urgedRow).toContainText('催 1 次');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 xlsx/ }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await readFile(await download.path())) as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('工单');
    const header = sheet.getRow(1);
    const column = (name: string) => {
      for (let cell = 1; cell <= header.cellCount; cell++)
        if (header.getCell(cell).value === name) return cell;
      throw new Error(`no column ${name}`);
    };
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, index) => sheet.getRow(index + 2));
    const cells = (name: string) => rows.map((row) => String(row.getCell(column(name)).value));
    expect(cells('工单编号').sort()).toEqual([urgent.code, urged.code].sort());
    expect(cells('优先级')).toEqual(['急修', '急修']);
    expect(cells('类别')).toEqual(['给排水维修', '给排水维修']);
    expect(cells('状态')).toEqual(['已报修', '已报修']);
    expect(cells('房号')).toEqual([resident.unitLabel, resident.unitLabel]);
  });
});
