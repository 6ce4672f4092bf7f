import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@estate/auth';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** 200 when the database answers within 1.5 s, 503 otherwise (load balancers poll this). */
  @Public()
  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: '{ status: "ok", info: { database: { status: "up" } } }' })
  @ApiServiceUnavailableResponse({ description: 'The database is down' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 1500 })]);
  }
}
