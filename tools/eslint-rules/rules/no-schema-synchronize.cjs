'use strict';

/**
 * Architecture rule: the schema changes only through migrations (libs/persistence), so no
 * TypeORM options object may turn `synchronize` on.
 */

const { unwrap } = require('./ast.cjs');

function isSynchronizeKey(property) {
  const key = property.key;
  if (!property.computed && key.type === 'Identifier') return key.name === 'synchronize';
  if (key.type === 'Literal') return key.value === 'synchronize';
  if (key.type === 'TemplateLiteral') {
    return key.expressions.length === 0 && key.quasis[0].value.cooked === 'synchronize';
  }
  return false;
}

function isTrue(node) {
  const value = unwrap(node);
  return !!value && value.type === 'Literal' && value.value === true;
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Forbids `synchronize: true`: the schema is changed by migrations in libs/persistence only.',
    },
    messages: {
      synchronize: 'Never synchronize the schema: write a migration in libs/persistence.',
    },
    schema: [],
  },
  create(context) {
    return {
      Property(property) {
        // Only object literals can hold a literal `true` as a property value (patterns hold targets,
        // accessors and methods hold functions).
        if (!isSynchronizeKey(property)) return;
        if (isTrue(property.value)) context.report({ node: property, messageId: 'synchronize' });
      },
    };
  },
};
