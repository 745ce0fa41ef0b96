'use strict';

/**
 * Architecture rule: a bus subject is declared once, in libs/contracts (`defineRequest`/`defineEvent`),
 * and handlers take it from there (`@MessagePattern(X.contract.subject)`), never from a string.
 */

const NEST_MICROSERVICES = '@nestjs/microservices';
const DECORATOR = 'MessagePattern';

/** Local names under which `MessagePattern` is imported (plus its own name), and namespace names. */
function importedNames(program) {
  const names = new Set([DECORATOR]);
  const namespaces = new Set();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== NEST_MICROSERVICES) continue;
    for (const spec of statement.specifiers) {
      if (spec.type === 'ImportSpecifier') {
        const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
        if (imported === DECORATOR) names.add(spec.local.name);
      } else if (spec.type === 'ImportNamespaceSpecifier') {
        namespaces.add(spec.local.name);
      }
    }
  }
  return { names, namespaces };
}

function isMessagePattern(callee, imports) {
  if (callee.type === 'Identifier') return imports.names.has(callee.name);
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.type === 'Identifier' &&
    callee.property.name === DECORATOR &&
    callee.object.type === 'Identifier' &&
    imports.namespaces.has(callee.object.name)
  );
}

/** Strips TypeScript-only wrappers (`'x' as const`, `'x' satisfies T`, ...). */
function unwrap(node) {
  let current = node;
  while (
    current &&
    (current.type === 'TSAsExpression' ||
      current.type === 'TSNonNullExpression' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'TSTypeAssertion')
  ) {
    current = current.expression;
  }
  return current;
}

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
