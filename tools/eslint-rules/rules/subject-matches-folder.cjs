'use strict';

/**
 * Architecture rule: a contract's subject is named like its folder, so that the subject leads to the code.
 *
 *   libs/contracts/src/lib/<service>/<verb-noun>/…   defineRequest('ct.v1.<service>.<verb-noun>', …)
 *   libs/contracts/src/lib/events/<thing>-<happened>/…   defineEvent('ct.v1.evt.<thing>.<happened>', …)
 *
 * `<thing>` is the folder name up to its first hyphen (`trace-status-changed` → `ct.v1.evt.trace.status-changed`).
 * Contracts are declared only in such folders, with the subject written as one string literal.
 */

const { unwrap } = require('./ast.cjs');

const PREFIX = 'ct.v1';
const EVENTS_FOLDER = 'events';
const CONTRACT_FILE = /(?:^|\/)libs\/contracts\/src\/lib\/([^/]+)\/([^/]+)\/[^/]+$/;
const DEFINERS = { defineRequest: 'request', defineEvent: 'event' };

/** The subject a contract in `<area>/<folder>` must have, or undefined when the kind does not belong there. */
function expectedSubject(kind, area, folder) {
  if (kind === 'request') return area === EVENTS_FOLDER ? undefined : `${PREFIX}.${area}.${folder}`;
  if (area !== EVENTS_FOLDER) return undefined;
  const hyphen = folder.indexOf('-');
  if (hyphen <= 0 || hyphen === folder.length - 1) return undefined;
  return `${PREFIX}.evt.${folder.slice(0, hyphen)}.${folder.slice(hyphen + 1)}`;
}

/** `<area>/<folder>` of a contract file, or undefined for any other file. */
function contractFolder(filename) {
  const match = CONTRACT_FILE.exec(filename.replace(/\\/g, '/'));
  return match ? { area: match[1], folder: match[2] } : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: {
      description: 'The subject of defineRequest/defineEvent matches the contract folder it is declared in.',
    },
    messages: {
      mismatch: "Subject '{{actual}}' does not match its folder {{area}}/{{folder}}: name it '{{expected}}'.",
      misplaced:
        '{{definer}} belongs in {{where}}: libs/contracts/src/lib/<service>/<verb-noun>/ for requests, ' +
        'libs/contracts/src/lib/events/<thing>-<happened>/ for events.',
      literal: 'Write the subject of {{definer}} as one string literal, so that it can be checked against its folder.',
    },
    schema: [],
  },
  create(context) {
    const location = contractFolder(context.filename);
    return {
      CallExpression(call) {
        if (call.callee.type !== 'Identifier' || !Object.hasOwn(DEFINERS, call.callee.name)) return;
        const definer = call.callee.name;
        const kind = DEFINERS[definer];
        const expected = location && expectedSubject(kind, location.area, location.folder);
        if (!expected) {
          const where = kind === 'event' ? 'an event folder' : 'a request folder';
          context.report({ node: call.callee, messageId: 'misplaced', data: { definer, where } });
          return;
        }
        const subject = unwrap(call.arguments[0]);
        if (!subject || subject.type !== 'Literal' || typeof subject.value !== 'string') {
          context.report({ node: subject ?? call, messageId: 'literal', data: { definer } });
          return;
        }
        if (subject.value !== expected) {
          context.report({
            node: subject,
            messageId: 'mismatch',
            data: { actual: subject.value, expected, area: location.area, folder: location.folder },
          });
        }
      },
    };
  },
  expectedSubject,
};
