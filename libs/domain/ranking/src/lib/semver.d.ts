/**
 * The part of `semver` (npm's version parser, a dependency of the toolchain) that context
 * matching uses. Replace with `@types/semver` once it is a declared dependency.
 */
declare module 'semver' {
  export interface SemVer {
    major: number;
    minor: number;
    patch: number;
    version: string;
  }
  interface Options {
    loose?: boolean;
    includePrerelease?: boolean;
  }
  export class Range {
    constructor(range: string, options?: Options | boolean);
    test(version: string | SemVer): boolean;
  }
  export function coerce(version: string | null | undefined, options?: Options): SemVer | null;
  export function validRange(range: string | null | undefined, options?: Options | boolean): string | null;
  export function satisfies(version: string | SemVer, range: string, options?: Options | boolean): boolean;
}
