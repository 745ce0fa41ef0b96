import { detectEnvironment, fitsStack, ReadFile, stackWords } from './environment';

function files(map: Record<string, string>): ReadFile & { asked: string[] } {
  const asked: string[] = [];
  const read = ((name: string) => {
    asked.push(name);
    return map[name] ?? null;
  }) as ReadFile & { asked: string[] };
  read.asked = asked;
  return read;
}

describe('detectEnvironment', () => {
  it('reads a Node project: language, framework, versions resolved from the lockfile', () => {
    const env = detectEnvironment(
      files({
        'package.json': JSON.stringify({ dependencies: { next: '^14.1.0', react: '^18.2.0' }, devDependencies: { typescript: '~5.4.0' }, engines: { node: '>=20' } }),
        'package-lock.json': JSON.stringify({ packages: { 'node_modules/next': { version: '14.2.3' }, 'node_modules/react': { version: '18.3.1' } } }),
      }),
      'linux',
      '20.11.0',
    );
    expect(env).toEqual({
      language: 'typescript',
      framework: 'nextjs',
      runtime: 'node 20.11.0',
      os: 'linux',
      packages: { next: '14.2.3', react: '18.3.1', typescript: '5.4.0' },
      tools: { npm: 'lockfile', node: '20' },
    });
    expect(stackWords(env)).toEqual(['typescript', 'nextjs', 'next', 'react']);
  });

  it('reads Python from pyproject and requirements', () => {
    const env = detectEnvironment(
      files({
        'pyproject.toml': '[project]\nrequires-python = ">=3.11"\ndependencies = [\n  "fastapi>=0.110",\n  "pydantic[email]==2.7.1",\n]\n',
        'requirements.txt': 'uvicorn==0.29.0\n# comment\n-r other.txt\n',
      }),
      'darwin',
    );
    expect(env.language).toBe('python');
    expect(env.framework).toBe('fastapi');
    expect(env.os).toBe('macos');
    expect(env.versions).toEqual({ python: '3.11' });
    expect(env.packages).toEqual({ uvicorn: '0.29.0', fastapi: '0.110', pydantic: '2.7.1' });
  });

  it('reads go.mod, Cargo.toml, pom.xml and Gradle', () => {
    const go = detectEnvironment(files({ 'go.mod': 'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n)\n' }));
    expect(go).toMatchObject({ language: 'go', framework: 'gin', versions: { go: '1.22' }, packages: { 'github.com/gin-gonic/gin': '1.9.1' } });
    const rust = detectEnvironment(files({ 'Cargo.toml': '[package]\nedition = "2021"\n\n[dependencies]\naxum = "0.7"\ntokio = { version = "1.37", features = ["full"] }\n' }));
    expect(rust).toMatchObject({ language: 'rust', framework: 'axum', versions: { 'rust-edition': '2021' }, packages: { axum: '0.7', tokio: '1.37' } });
    const maven = detectEnvironment(
      files({
        'pom.xml':
          '<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.2.5</version></parent>' +
          '<properties><java.version>21</java.version></properties><dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>42.7.3</version></dependency></dependencies></project>',
      }),
    );
    expect(maven).toMatchObject({ language: 'java', framework: 'spring-boot', versions: { java: '21' }, packages: { 'spring-boot-starter-parent': '3.2.5', postgresql: '42.7.3' } });
    const gradle = detectEnvironment(files({ 'build.gradle.kts': 'plugins { id("org.springframework.boot") version "3.3.0" }\ndependencies { implementation("io.ktor:ktor-server-core:2.3.9") }\n' }));
    expect(gradle).toMatchObject({ language: 'kotlin', framework: 'spring-boot', packages: { 'org.springframework.boot': '3.3.0', 'ktor-server-core': '2.3.9' } });
  });

  it('leaves out packages from local or private sources', () => {
    const env = detectEnvironment(
      files({ 'package.json': JSON.stringify({ dependencies: { express: '4.19.2', '@acme/billing': 'workspace:*', tools: 'file:../tools', fork: 'github:me/fork', other: 'git+ssh://git@host/x.git' } }) }),
    );
    expect(env.packages).toEqual({ express: '4.19.2' });
  });

  it('never asks for env files, keys or credential stores', () => {
    const read = files({ 'package.json': '{}' });
    detectEnvironment(read);
    expect(read.asked.filter((n) => /\.env|\.pem|\.key|credentials|\.npmrc/.test(n))).toEqual([]);
  });

  it('gives only the OS for a directory with no manifest', () => {
    expect(detectEnvironment(files({}), 'linux')).toEqual({ os: 'linux' });
  });
});

describe('fitsStack', () => {
  const env = { language: 'python', framework: 'fastapi', packages: { fastapi: '0.110', pydantic: '2.7.1' } };
  it('keeps a trace tagged with the stack, or of its language or framework', () => {
    expect(fitsStack({ tags: ['pydantic', 'validation'] }, env)).toBe(true);
    expect(fitsStack({ tags: [], language: 'python' }, env)).toBe(true);
    expect(fitsStack({ tags: ['web'], framework: 'fastapi' }, env)).toBe(true);
  });
  it('drops a trace of another stack', () => {
    expect(fitsStack({ tags: ['rust', 'cargo'], language: 'rust', framework: null }, env)).toBe(false);
  });
});
