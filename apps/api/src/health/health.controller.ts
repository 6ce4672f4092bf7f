import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@estate/auth';
import { ApiErrors, DomainError } from '@estate/shared';
import { DataSource } from 'typeorm';

export const HEALTH_DATABASE_TIMEOUT_MS = 1500;

type DependencyStatus = { status: 'up' } | { status: 'down'; message: string };

/** Why a ping failed, without internals beyond the driver's error code or our time-out. */
function reasonOf(error: unknown): string {
  const shape = error as { code?: string; message?: string } | undefined;
  if (shape?.code) return shape.code;
  return shape?.message?.slice(0, 200) ?? 'unknown error';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * 200 `{ status: "ok", info: { database: { status: "up" } } }` when the database answers `SELECT 1`
   * within 1.5 s; otherwise 503 `UNHEALTHY` naming the dependency that is down and why
   * (`details.database = { status: "down", message: "ECONNREFUSED" | "timeout of 1500 ms exceeded" | … }`).
   * Load balancers poll this; it never waits longer than the time-out.
   */
  @Public()
  @ApiOperation({
    summary: 'Health check (健康检查)',
    description:
      'Answers 200 when the database answers `SELECT 1` within 1.5 s, otherwise 503 `UNHEALTHY` naming the dependency that is down. For load balancers; never waits longer than the time-out.',
  })
  @ApiErrors({ 503: ['UNHEALTHY'] })
  @Get()
  @ApiOkResponse({ description: '{ status: "ok", info: { database: { status: "up" } } }' })
  @ApiServiceUnavailableResponse({
    description: '{ statusCode: 503, code: "UNHEALTHY", details: { database: { status: "down", message } } }',
  })
  async check(): Promise<{ status: 'ok'; info: Record<string, DependencyStatus> }> {
    const database = await this.ping();
    if (database.status === 'down')
      throw new DomainError(
        'unavailable',
        'UNHEALTHY',
        `Unhealthy: the database is down (${database.message})`,
        {
          database,
        },
      );
    return { status: 'ok', info: { database } };
  }

  private async ping(): Promise<DependencyStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timeout of ${HEALTH_DATABASE_TIMEOUT_MS} ms exceeded`)),
        HEALTH_DATABASE_TIMEOUT_MS,
      );
    });
    try {
      if (!this.dataSource.isInitialized) return { status: 'down', message: 'not connected' };
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', message: reasonOf(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
