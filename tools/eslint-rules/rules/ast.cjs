'use strict';

/** AST helpers shared by the architecture rules. */

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

/** Whether a call's callee is `MessagePattern`, under any imported name or through a namespace import. */
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

/** The expression under TypeScript's `as`, `!`, `satisfies` and `<T>` wrappers. */
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

/** `this.<useCase>.execute(...)`, not optional, not computed. */

module.exports = { DECORATOR, importedNames, isMessagePattern, unwrap };
