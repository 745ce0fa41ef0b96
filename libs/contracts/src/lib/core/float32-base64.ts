/** Dimensions a vector carried in a message may have at most. */
export const MAX_CARRIED_DIMENSIONS = 4096;
/** The base64 length of MAX_CARRIED_DIMENSIONS float32 values. */
export const MAX_FLOAT32_BASE64_LENGTH = Math.ceil((MAX_CARRIED_DIMENSIONS * 4) / 3) * 4;

/**
 * A vector as a message carries it: its values as little-endian float32, in base64. About a
 * quarter of the JSON text of the same numbers, parsed in one step instead of number by number,
 * and exact for what is stored (pgvector keeps float32).
 */
export function packFloat32(values: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i], i * 4);
  return bytes.toString('base64');
}

/** The values of `packFloat32`'s text; undefined unless it holds whole, finite float32 values. */
export function unpackFloat32(text: string): number[] | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  const values = new Array<number>(bytes.length / 4);
  for (let i = 0; i < values.length; i++) {
    const value = bytes.readFloatLE(i * 4);
    if (!Number.isFinite(value)) return undefined;
    values[i] = value;
  }
  return values;
}
