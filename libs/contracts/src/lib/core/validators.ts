import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** The JSON text of the value is at most `maxBytes` bytes (UTF-8). */
export function MaxJsonBytes(maxBytes: number, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'maxJsonBytes',
      target: target.constructor,
      propertyName,
      constraints: [maxBytes],
      options: { message: `must be at most ${maxBytes} bytes as JSON`, ...options },
      validator: {
        validate: (value: unknown) => value === undefined || Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') <= maxBytes,
      },
    });
}

/** Every element matches the pattern; the message names the elements that do not. */
export function EachMatches(pattern: RegExp, what: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'eachMatches',
      target: target.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) => {
          const bad = (args.value as unknown[]).filter((v) => typeof v !== 'string' || !pattern.test(v));
          return `invalid ${what}: ${bad.map((b) => JSON.stringify(b)).join(', ')}`;
        },
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          !Array.isArray(value) || value.every((v) => typeof v === 'string' && pattern.test(v)),
      },
    });
}

/** The fields of an environment (a verification's `environment`, a vote's `voter_context`). */
export const ENVIRONMENT_TEXT_FIELDS = ['language', 'framework', 'runtime', 'os'] as const;
export const ENVIRONMENT_VERSION_FIELDS = ['packages', 'versions', 'tools'] as const;
export const ENVIRONMENT_LIMITS = { text: 200, names: 50, name: 100, version: 100, bytes: 8192 } as const;

/** Why a value is not an environment, or null when it is one. */
export function environmentProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  const L = ENVIRONMENT_LIMITS;
  for (const [key, v] of Object.entries(value)) {
    if ((ENVIRONMENT_TEXT_FIELDS as readonly string[]).includes(key)) {
      if (typeof v !== 'string' || v.length > L.text) return `${key} must be a string of at most ${L.text} characters`;
    } else if ((ENVIRONMENT_VERSION_FIELDS as readonly string[]).includes(key)) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${key} must be an object of name → version`;
      const entries = Object.entries(v);
      if (entries.length > L.names) return `${key} may name at most ${L.names} entries`;
      for (const [name, version] of entries) {
        if (!name || name.length > L.name) return `${key}: names must have 1-${L.name} characters`;
        if (typeof version !== 'string' || version.length > L.version) return `${key}.${name} must be a version string of at most ${L.version} characters`;
      }
    } else {
      return `unknown field ${JSON.stringify(key.slice(0, 50))} (known: ${[...ENVIRONMENT_TEXT_FIELDS, ...ENVIRONMENT_VERSION_FIELDS].join(', ')})`;
    }
  }
  return Buffer.byteLength(JSON.stringify(value), 'utf8') > L.bytes ? `must be at most ${L.bytes} bytes as JSON` : null;
}

/** An environment: language, framework, runtime, os (strings), packages, versions, tools (name → version); bounded. */
export function IsEnvironment(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isEnvironment',
      target: target.constructor,
      propertyName,
      options: { message: (args: ValidationArguments) => environmentProblem(args.value) ?? 'must be an environment', ...options },
      validator: { validate: (value: unknown) => value === undefined || environmentProblem(value) === null },
    });
}
