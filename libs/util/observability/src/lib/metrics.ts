import { Controller, Get, Header, Module } from '@nestjs/common';
import { Public } from './public-route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

let defaultsCollected = false;

/** Process-wide Prometheus registry; the default metrics are collected once per process. */
export function metricsRegistry() {
  if (!defaultsCollected) {
    collectDefaultMetrics({ prefix: 'commontrace_' });
    defaultsCollected = true;
  }
  return register;
}

/** A counter or histogram that is created once per process even when several modules ask for it. */
export function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

export function histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): Histogram<string> {
  return (
    (register.getSingleMetric(name) as Histogram<string>) ??
    new Histogram({ name, help, labelNames, ...(buckets ? { buckets } : {}) })
  );
}

@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  async metrics(): Promise<string> {
    return metricsRegistry().metrics();
  }
}

@Module({ controllers: [MetricsController] })
export class MetricsModule {}

export function gauge(name: string, help: string, labelNames: string[] = []): Gauge<string> {
  return (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help, labelNames });
}
