import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo1234';

/** Signs in through the sign-in page, as a person does. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export interface ApiSession {
  token: string;
  user: { id: string; role: string; estateIds: string[]; displayName: string };
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

/** The API as one of the demo people (for steps another person takes elsewhere, e.g. a technician). */
export async function apiAs(request: APIRequestContext, username: string): Promise<ApiSession> {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { accessToken, user } = (await login.json()) as { accessToken: string; user: ApiSession['user'] };
  const headers = { Authorization: `Bearer ${accessToken}` };
  return {
    token: accessToken,
    user,
    async get<T>(path: string) {
      const response = await request.get(`/api/v1${path}`, { headers });
      expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
      return (await response.json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      const response = await request.post(`/api/v1${path}`, { headers, data: body });
      expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
      return (response.status() === 204 ? undefined : await response.json()) as T;
    },
  };
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    ),
    `${label}: serious/critical accessibility violations`,
  ).toEqual([]);
}

/** A screenshot for docs/screenshots/ when the run is asked for them (npm run screenshots). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS_DIR) return;
  // The live-events stream is a request that never ends, so "network idle" only comes when the page
  // happened to settle before the stream opened: wait for it a little, not forever (assert what the
  // picture must show before taking it).
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
  await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png`, fullPage: false });
}
