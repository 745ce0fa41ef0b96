import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = Symbol('PUBLIC_ROUTE');

/** A route that needs no API key (health probes, metrics, registration). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
