import { RuleTester } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../index.js';
import rule from './thin-bus-handlers.cjs';

const ruleTester = new RuleTester({
  languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
});

const header = `import { MessagePattern, Payload } from '@nestjs/microservices';
import { IngestSubmitTrace } from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
`;

/** A bus controller whose only handler has the given body. */
const handler = (body: string, params = '@Payload() request: IngestSubmitTrace.SubmitTraceRequest') => `${header}
@BusController()
export class IngestController {
  constructor(private readonly submitTrace: SubmitTraceUseCase, private readonly traces: TraceRepository) {}

  @MessagePattern(IngestSubmitTrace.contract.subject)
  async submit(${params}) {
    ${body}
  }
}`;

const thick = [{ messageId: 'thick' as const }];

describe('commontrace/thin-bus-handlers', () => {
  it('is exported by the plugin', () => {
    expect(plugin.rules?.['thin-bus-handlers']).toBe(rule);
  });

  ruleTester.run('thin-bus-handlers', rule, {
    valid: [
      // The real shape (libs/services/ingest/src/lib/ingest.controller.ts).
      `${header}
@BusController()
export class IngestController {
  constructor(private readonly submitTrace: SubmitTraceUseCase) {}

  @MessagePattern(IngestSubmitTrace.contract.subject)
  submit(@Payload() request: IngestSubmitTrace.SubmitTraceRequest) {
    return this.submitTrace.execute(request);
  }
}`,
      // Two handlers in one controller (libs/services/search).
      `import { MessagePattern, Payload } from '@nestjs/microservices';
@BusController()
export class SearchController {
  constructor(private readonly queryTraces: QueryTracesUseCase, private readonly getTrace: GetTraceUseCase) {}

  @MessagePattern(SearchQueryTraces.contract.subject)
  query(@Payload() request: SearchQueryTraces.QueryTracesRequest) {
    return this.queryTraces.execute(request);
  }

  @MessagePattern(SearchGetTrace.contract.subject)
  get(@Payload() request: SearchGetTrace.GetTraceRequest) {
    return this.getTrace.execute(request);
  }
}`,
      // Awaited.
      handler('return await this.submitTrace.execute(request);'),
      // Plain data may be passed along: the payload, its fields, an object built from them.
      handler('return this.submitTrace.execute(request.trace, { ...request, source: "bus" });'),
      handler('return this.submitTrace.execute(request as SubmitTraceRequest);'),
      // Several arguments, a private field use case.
      `class C {
  #submit: SubmitTraceUseCase;
  @MessagePattern(S.contract.subject)
  submit(@Payload() request: R, @Ctx() ctx: NatsContext) {
    return this.#submit.execute(request, ctx);
  }
}`,
      // Methods without @MessagePattern are not bus handlers.
      `class C {
  @Get('traces')
  list() {
    const all = this.repo.find();
    return all.filter(Boolean);
  }
  helper(x: number) {
    if (x > 1) return x;
    return 0;
  }
}`,
      // Another decorator called MessagePattern on a member of an unrelated object is not Nest's.
      `class C {
  @other.MessagePattern('x')
  handle() {
    const x = 1;
    return x;
  }
}`,
    ],
    invalid: [
      // Logic before the use case.
      {
        code: handler(`const trace = normalize(request);
    return this.submitTrace.execute(trace);`),
        errors: thick,
      },
      // execute() on something else than a use case held by the controller.
      { code: handler('return submitTrace.execute(request);'), errors: thick },
      { code: handler('return this.submitTrace.run(request);'), errors: thick },
      { code: handler('return this.submitTrace?.execute(request);'), errors: thick },
      { code: handler('return this.useCases.submit.execute(request);'), errors: thick },
      { code: handler("return this['submitTrace'].execute(request);"), errors: thick },
      // A call without return, an empty body, a bare return.
      { code: handler('this.submitTrace.execute(request);'), errors: thick },
      { code: handler(''), errors: thick },
      { code: handler('return;'), errors: thick },
      // Two use cases, or work after the use case.
      {
        code: handler(`await this.submitTrace.execute(request);
    return this.submitTrace.execute(request);`),
        errors: thick,
      },
      {
        code: handler(`return this.submitTrace.execute(request);
    audit(request);`),
        errors: thick,
      },
      { code: handler('return (await this.submitTrace.execute(request)).id;'), errors: thick },
      { code: handler('return this.submitTrace.execute(request).then((r) => r.id);'), errors: thick },
      // Logic smuggled into the arguments.
      { code: handler('return this.submitTrace.execute(await this.traces.find(request.id));'), errors: thick },
      { code: handler('return this.submitTrace.execute(request.trace ?? defaults);'), errors: thick },
      { code: handler('return this.submitTrace.execute(request.ok ? request : fallback);'), errors: thick },
      { code: handler('return this.submitTrace.execute({ ...request, at: new Date() });'), errors: thick },
      // Branches.
      {
        code: handler(`if (!request.trace) return null;
    return this.submitTrace.execute(request);`),
        errors: thick,
      },
      // Nest's decorator under another name, or through a namespace import.
      {
        code: `import { MessagePattern as Handles } from '@nestjs/microservices';
class C {
  @Handles(S.contract.subject)
  handle(request: R) {
    return this.repo.save(request);
  }
}`,
        errors: thick,
      },
      {
        code: `import * as ms from '@nestjs/microservices';
class C {
  @ms.MessagePattern(S.contract.subject)
  handle(request: R) {
    console.log(request);
    return this.useCase.execute(request);
  }
}`,
        errors: thick,
      },
      // Every offending handler is reported, on its name.
      {
        code: `class C {
  @MessagePattern(A.contract.subject)
  a(request: R) {
    return this.repo.a(request);
  }
  @MessagePattern(B.contract.subject)
  b(request: R) {
    return this.useCase.execute(request);
  }
  @MessagePattern(C.contract.subject)
  c(request: R) {
    return this.repo.c(request);
  }
}`,
        errors: [
          { messageId: 'thick', line: 3, column: 3 },
          { messageId: 'thick', line: 11, column: 3 },
        ],
      },
      // A repository call instead of a use case; the message says what to do.
      {
        code: handler('return this.traces.save(request);'),
        errors: [
          {
            message:
              'Bus handlers stay thin: validate, call one use case, return its result. Move the logic into a use case.',
          },
        ],
      },
    ],
  });
});
