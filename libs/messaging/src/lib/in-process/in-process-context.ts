import { BaseRpcContext } from '@nestjs/microservices';

type Args = [subject: string, headers: Record<string, string>];

/** The in-process counterpart of NatsContext: the subject and the headers of a request. */
export class InProcessContext extends BaseRpcContext<Args> {
  getSubject(): string {
    return this.args[0];
  }

  getHeaders(): Record<string, string> {
    return this.args[1];
  }
}
