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
