import { Controller, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { BusHealth } from '@commontrace/messaging';
import { Public } from '@commontrace/util-observability';
import { DataSource } from 'typeorm';

/**
 * Liveness (the process answers) and readiness (database reachable, and every NATS connection of the
 * process connected now: false during an outage, true again once it has reconnected), unauthenticated.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly bus: BusHealth,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicator.check('database');
        try {
          await this.dataSource.query('SELECT 1');
          return check.up();
        } catch (error) {
          return check.down({ message: (error as Error).message });
        }
      },
      async () => {
        const check = this.indicator.check('bus');
        const down = this.bus.down();
        return down.length === 0 ? check.up() : check.down({ message: `NATS disconnected: ${down.join(', ')}` });
      },
    ]);
  }
}

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController] })
export class HealthModule {}
