import { RuleTester } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../index.js';
import rule from './subjects-from-contracts.cjs';

const ruleTester = new RuleTester({
  languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
});

/** A controller whose only handler listens to the given pattern. */
const handler = (pattern: string) => `import { MessagePattern, Payload } from '@nestjs/microservices';
@BusController()
export class IngestController {
  @MessagePattern(${pattern})
  submit(@Payload() request: IngestSubmitTrace.SubmitTraceRequest) {
    return this.submitTrace.execute(request);
  }
}`;

const literal = [{ messageId: 'literal' as const }];

describe('commontrace/subjects-from-contracts', () => {
  it('is exported by the plugin', () => {
    expect(plugin.rules?.['subjects-from-contracts']).toBe(rule);
  });

  ruleTester.run('subjects-from-contracts', rule, {
    valid: [
      // The real shape.
      handler('IngestSubmitTrace.contract.subject'),
      handler('contract.subject'),
      handler('SUBJECTS.submit'),
      // Only string subjects are this rule's business (a NATS subject is a string); no subject at all either.
      handler('42'),
      'class C { @MessagePattern() handle() { return this.useCase.execute(); } }',
      // Other decorators may take strings.
      `class C {
  @Get('traces/:id')
  get(@Param('id') id: string) {
    return this.getTrace.execute({ id });
  }
}`,
      // The contracts themselves declare the subject with a literal.
      "export const contract = defineRequest<GetTraceRequest, GetTraceReply>('ct.v1.search.get-trace', GetTraceRequest);",
      // Not Nest's MessagePattern.
      "other.MessagePattern('ct.v1.ingest.submit-trace');",
    ],
    invalid: [
      { code: handler('"ct.v1.ingest.submit-trace"'), errors: literal },
      { code: handler('`ct.v1.ingest.submit-trace`'), errors: literal },
      { code: handler('`ct.v1.${service}.submit`'), errors: literal },
      { code: handler("'ct.v1.ingest.submit-trace' as const"), errors: literal },
      // With the options of Nest's second argument.
      { code: handler("'ct.v1.ingest.submit-trace', Transport.NATS"), errors: literal },
      // Under another name, or through a namespace import.
      {
        code: `import { MessagePattern as Handles } from '@nestjs/microservices';
class C {
  @Handles('ct.v1.ingest.submit-trace')
  handle(request: R) {
    return this.useCase.execute(request);
  }
}`,
        errors: literal,
      },
      {
        code: `import * as ms from '@nestjs/microservices';
class C {
  @ms.MessagePattern('ct.v1.ingest.submit-trace')
  handle(request: R) {
    return this.useCase.execute(request);
  }
}`,
        errors: literal,
      },
      // The literal itself is reported, with the message saying where subjects come from.
      {
        code: handler("'ct.v1.ingest.submit-trace'"),
        errors: [
          {
            message: 'Take the subject from @commontrace/contracts (X.contract.subject), not a literal.',
            line: 4,
            column: 19,
            endColumn: 46,
          },
        ],
      },
    ],
  });
});
