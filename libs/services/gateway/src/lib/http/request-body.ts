import { Injectable, NestMiddleware } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import type { NextFunction, Request, Response } from 'express';

/** How deeply objects and arrays may nest in a request body: `{}` is 1 level, `{"a": []}` 2. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether objects and arrays in the value nest deeper than `max` levels. Iterative and linear in
 * the size of the value: a body nested a million levels deep is answered without recursion.
 */
export function jsonDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Runs after the JSON body parser and before guards, validation and the bus: a body must be
 * JSON (anything else is 415, not silently ignored) and nest at most MAX_JSON_DEPTH levels (400),
 * so that no validator, serializer or bus hop ever recurses through an attacker's nesting.
 */
@Injectable()
export class RequestBodyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (hasBody(req) && !req.is('application/json')) {
      throw new DomainError(ErrorCode.UnsupportedMediaType, 'The request body must be application/json');
    }
    if (jsonDeeperThan(req.body, MAX_JSON_DEPTH)) {
      throw new DomainError(ErrorCode.MalformedBody, `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    next();
  }
}
