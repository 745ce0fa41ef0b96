import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { DomainError, ErrorBody, ErrorCode } from '@commontrace/contracts';
import { Observable, throwError } from 'rxjs';

/** Sends a handler's failure back over the bus as an ErrorBody; unexpected errors are logged and hidden. */
@Catch()
export class RpcErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Bus');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    let body: ErrorBody;
    if (exception instanceof DomainError) {
      body = exception.toBody();
    } else {
      this.logger.error(exception instanceof Error ? exception : String(exception));
      body = { code: ErrorCode.Internal, message: 'Internal error' };
    }
    return throwError(() => body);
  }
}
