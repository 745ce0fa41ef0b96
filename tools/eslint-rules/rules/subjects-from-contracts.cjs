'use strict';

/**
 * Architecture rule: a bus subject is declared once, in libs/contracts (`defineRequest`/`defineEvent`),
 * and handlers take it from there (`@MessagePattern(X.contract.subject)`), never from a string.
 */

const { DECORATOR, importedNames, isMessagePattern, unwrap } = require('./ast.cjs');

function isStringLiteral(node) {
  const value = unwrap(node);
  return (
    !!value &&
    ((value.type === 'Literal' && typeof value.value === 'string') || value.type === 'TemplateLiteral')
  );
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: {
      description: 'The subject of @MessagePattern comes from @commontrace/contracts, not from a string literal.',
    },
    messages: {
      literal: 'Take the subject from @commontrace/contracts (X.contract.subject), not a literal.',
    },
    schema: [],
  },
  create(context) {
    let imports = { names: new Set([DECORATOR]), namespaces: new Set() };
    return {
      Program(program) {
        imports = importedNames(program);
      },
      CallExpression(call) {
        if (!isMessagePattern(call.callee, imports)) return;
        const subject = call.arguments[0];
        if (isStringLiteral(subject)) context.report({ node: subject, messageId: 'literal' });
      },
    };
  },
};
