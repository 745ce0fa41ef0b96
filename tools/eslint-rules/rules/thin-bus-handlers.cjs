'use strict';

/**
 * Architecture rule: a bus request handler (a method decorated with `@MessagePattern(...)`)
 * stays thin. Its body is exactly one `return this.<useCase>.execute(...)` (optionally awaited),
 * and the arguments of that call hold no logic of their own (no call, `await`, `new`,
 * condition or function): validation is done by the contract's class, the rest by the use case.
 */

const { DECORATOR, importedNames, isMessagePattern, unwrap } = require('./ast.cjs');

function isMessagePatternDecorator(decorator, imports) {
  const expression = decorator.expression;
  return Boolean(expression && expression.type === 'CallExpression' && isMessagePattern(expression.callee, imports));
}

function isUseCaseExecute(node) {
  const call = unwrap(node);
  if (!call || call.type !== 'CallExpression' || call.optional) return false;
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.optional) return false;
  if (callee.property.type !== 'Identifier' || callee.property.name !== 'execute') return false;
  const useCase = callee.object;
  return (
    useCase.type === 'MemberExpression' &&
    !useCase.computed &&
    !useCase.optional &&
    useCase.object.type === 'ThisExpression' &&
    (useCase.property.type === 'Identifier' || useCase.property.type === 'PrivateIdentifier')
  );
}

const LOGIC = new Set([
  'CallExpression',
  'NewExpression',
  'AwaitExpression',
  'YieldExpression',
  'ConditionalExpression',
  'LogicalExpression',
  'AssignmentExpression',
  'UpdateExpression',
  'ArrowFunctionExpression',
  'FunctionExpression',
  'ClassExpression',
  'TaggedTemplateExpression',
  'ImportExpression',
]);

/** Whether an argument of the use-case call carries logic of its own. */
function containsLogic(node) {
  if (!node || typeof node.type !== 'string') return false;
  if (LOGIC.has(node.type)) return true;
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'typeAnnotation' || key === 'typeArguments') {
      continue;
    }
    const value = node[key];
    if (Array.isArray(value)) {
      if (value.some((child) => child && typeof child === 'object' && containsLogic(child))) return true;
    } else if (value && typeof value === 'object' && typeof value.type === 'string' && containsLogic(value)) {
      return true;
    }
  }
  return false;
}

function isThin(body) {
  if (!body || body.type !== 'BlockStatement' || body.body.length !== 1) return false;
  const statement = body.body[0];
  if (statement.type !== 'ReturnStatement' || !statement.argument) return false;
  let returned = unwrap(statement.argument);
  if (returned.type === 'AwaitExpression') returned = unwrap(returned.argument);
  if (!isUseCaseExecute(returned)) return false;
  return !unwrap(returned).arguments.some(containsLogic);
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Bus request handlers (@MessagePattern) contain exactly one `return this.<useCase>.execute(...)`.',
    },
    messages: {
      thick: 'Bus handlers stay thin: validate, call one use case, return its result. Move the logic into a use case.',
    },
    schema: [],
  },
  create(context) {
    let imports = { names: new Set([DECORATOR]), namespaces: new Set() };
    return {
      Program(program) {
        imports = importedNames(program);
      },
      MethodDefinition(method) {
        const decorators = method.decorators || [];
        if (!decorators.some((decorator) => isMessagePatternDecorator(decorator, imports))) return;
        if (isThin(method.value && method.value.body)) return;
        context.report({ node: method.key, messageId: 'thick' });
      },
    };
  },
};
