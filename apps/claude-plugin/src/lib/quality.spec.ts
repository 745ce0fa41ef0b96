import { qualityProblems } from './quality';

const good = {
  title: 'Jest cannot use import statement outside a module with an ESM dependency',
  context_text: 'Running npx jest on a TypeScript project fails:\nSyntaxError: Cannot use import statement outside a module\nin node_modules/nanoid/index.js, an ESM-only package.',
  solution_text: 'Add the package to transformIgnorePatterns in jest.config.ts: `transformIgnorePatterns: ["node_modules/(?!nanoid)"]` so ts-jest transforms it.',
  tags: ['jest', 'esm'],
};

describe('qualityProblems', () => {
  it('passes a real problem, error text and change', () => expect(qualityProblems(good)).toEqual([]));

  it.each([
    ['a vague title', { title: 'Fixed it' }, 'title'],
    ['no error text', { context_text: 'The tests did not work on my machine for a while and then I looked into the configuration of the project.' }, 'error text'],
    ['a solution that names no change', { solution_text: 'It works now after some investigation of the problem and a careful look at what was going on here.' }, 'change'],
    ['template filler', { solution_text: 'TODO: [insert the solution here] and explain it; changed jest.config.ts as needed by the project setup.' }, 'filler'],
    ['no tags', { tags: [] }, 'tag'],
  ])('refuses %s', (_what, over, word) => {
    const problems = qualityProblems({ ...good, ...over });
    expect(problems.join(' ')).toContain(word);
  });
});
