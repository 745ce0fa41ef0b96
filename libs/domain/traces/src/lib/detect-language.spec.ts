import { detectStack } from './detect-language';

describe('detectStack', () => {
  it('takes the most frequent code-fence language', () => {
    const text = 'Fix:\n```ts\nconst a: string = "x";\n```\nand\n```bash\nnpm i\n```\n```typescript\nlet b = 1\n```';
    expect(detectStack(text).language).toBe('typescript');
  });

  it('falls back to tags, then to tell-tale code', () => {
    expect(detectStack('no code here', ['docker', 'python']).language).toBe('python');
    expect(detectStack('Traceback (most recent call last):\n  File "app.py"').language).toBe('python');
    expect(detectStack('error[E0502]: cannot borrow\nlet mut v = vec![];').language).toBe('rust');
    expect(detectStack('package main\n\nfunc main() {}').language).toBe('go');
    expect(detectStack('just prose about nothing').language).toBeNull();
  });

  it('finds the framework in tags first, then in the text', () => {
    expect(detectStack('a hydration error', ['next.js', 'react']).framework).toBe('next.js');
    expect(detectStack("import { Injectable } from '@nestjs/common';").framework).toBe('nestjs');
    expect(detectStack('from fastapi import FastAPI').framework).toBe('fastapi');
    expect(detectStack('plain text').framework).toBeNull();
  });
});
