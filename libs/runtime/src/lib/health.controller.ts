import { Controller, Get, Module, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { BusHealth } from '@commontrace/messaging';
import { Public } from '@commontrace/util-observability';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { GracefulShutdown } from './graceful-shutdown';

/**
 * Liveness (the process answers) and readiness (not shutting down: 503 with `shutdown: draining` from
 * the first SIGTERM/SIGINT on, while liveness stays up; database reachable; and every NATS connection of
 * the process connected now: false during an outage, true again once it has reconnected), unauthenticated.
 * A 503 carries Terminus's body (which check is down, and why) in every process: it is answered here,
 * not thrown to the gateway's problem filter, which would hide the reason behind internal_error.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly bus: BusHealth,
    private readonly shutdown: GracefulShutdown,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.checkReady();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(error.getStatus());
      return error.getResponse();
    }
  }

  private checkReady() {
    return this.health.check([
      () => {
        const check = this.indicator.check('shutdown');
        return this.shutdown.draining ? check.down({ message: 'draining' }) : check.up();
      },
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

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [GracefulShutdown],
  exports: [GracefulShutdown],
})
export class HealthModule {}
