'use strict';

/**
 * CommonTrace's architecture rules (DESIGN.md), enforced as lint rules:
 * thin bus handlers, subjects taken from the contracts and named like their folders, no schema synchronization.
 */
/** @type {import('eslint').ESLint.Plugin} */
const plugin = {
  meta: { name: 'commontrace' },
  rules: {
    'thin-bus-handlers': require('./rules/thin-bus-handlers.cjs'),
    'subjects-from-contracts': require('./rules/subjects-from-contracts.cjs'),
    'no-schema-synchronize': require('./rules/no-schema-synchronize.cjs'),
    'subject-matches-folder': require('./rules/subject-matches-folder.cjs'),
  },
};

module.exports = plugin;
