import { applyDecorators, Controller, UseFilters, UseInterceptors, UsePipes } from '@nestjs/common';
import { createValidationPipe } from '@commontrace/contracts';
import { BusContextInterceptor } from './bus-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

/**
 * Marks a class of bus handlers (`@MessagePattern(X.contract.subject)`): payloads are validated
 * with the contract's class, the request id is restored, errors keep their code.
 */
export function BusController(): ClassDecorator {
  return applyDecorators(
    Controller(),
    UsePipes(createValidationPipe()),
    UseInterceptors(BusContextInterceptor),
    UseFilters(RpcErrorFilter),
  );
}
