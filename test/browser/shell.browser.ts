import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './support/people';

test.describe('the shell', () => {
  test('sign-in shows the API message for a wrong password, then lands the front desk on its home', async ({
    page,
  }) => {
    await page.goto('/e/SUNSHINE/work-orders?status=reported');
    await expect(page).toHaveURL(/\/login\?next=/);
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');

    await page.getByLabel('用户名').fill('frontdesk');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');

    await page.getByLabel('密码', { exact: true }).fill('demo1234');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    // back to where the person was going
    await expect(page).toHaveURL(/\/e\/SUNSHINE\/work-orders\?status=reported$/);
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await expect(menu.getByRole('link', { name: '来电受理' })).toBeVisible();
    await expect(menu.getByRole('link', { name: '工单看板' })).toBeVisible();
    await expect(menu.getByRole('link', { name: '回访' })).toBeVisible();
    await expect(menu.getByRole('link', { name: '投诉' })).toBeVisible();
    await expect(page.getByRole('link', { name: /前台客服/ })).toBeVisible();
  });

  test('a technician sees only their own menu and "no access" on a front-desk URL', async ({ page }) => {
    await signIn(page, 'tech1');
    await expect(page).toHaveURL(/\/e\/SUNSHINE\/my-orders$/);
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await expect(menu.getByRole('link', { name: '我的工单' })).toBeVisible();
    await expect(menu.getByRole('link', { name: '来电受理' })).toHaveCount(0);
    await expect(menu.getByRole('link', { name: '工单看板' })).toHaveCount(0);

    await page.goto('/e/SUNSHINE/desk');
    await expect(page.getByText('无权访问')).toBeVisible();
    await expectAccessible(page, 'no access');
  });

  test('a resident sees only their own menu and "no access" on the board', async ({ page }) => {
    await signIn(page, 'resident1');
    await expect(page).toHaveURL(/\/e\/SUNSHINE\/my-repairs$/);
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await expect(menu.getByRole('link', { name: '我的报修' })).toBeVisible();
    await expect(menu.getByRole('link', { name: '工单看板' })).toHaveCount(0);
    await page.goto('/e/SUNSHINE/work-orders');
    await expect(page.getByText('无权访问')).toBeVisible();
  });

  test('the English switch sticks across a reload and a new sign-in', async ({ page }) => {
    await signIn(page, 'frontdesk');
    await page.getByText('EN', { exact: true }).click();
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await expect(menu.getByRole('link', { name: 'Work orders' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Front desk/ })).toBeVisible();
    await page.reload();
    await expect(
      page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Caller lookup' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.getByText('中文', { exact: true }).click();
    await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();
  });

  test('my account: a wrong current password is shown next to the field', async ({ page }) => {
    await signIn(page, 'frontdesk');
    await page.goto('/e/SUNSHINE/account');
    await expect(page.getByText('frontdesk', { exact: true })).toBeVisible();
    await page.getByLabel('当前密码').fill('not-my-password');
    await page.getByLabel('新密码', { exact: true }).fill('a-much-better-passphrase');
    await page.getByLabel('确认新密码').fill('a-much-better-passphrase');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByText('当前密码不正确')).toBeVisible();
    await expectAccessible(page, 'my account');
    await screenshot(page, 'my-account');
  });
});
