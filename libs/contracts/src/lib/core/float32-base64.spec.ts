import { MAX_CARRIED_DIMENSIONS, MAX_FLOAT32_BASE64_LENGTH, packFloat32, unpackFloat32 } from './float32-base64';

describe('packFloat32 / unpackFloat32', () => {
  it('round-trips a vector at float32 precision', () => {
    const vector = [0, 1, -1, 0.1, 1e-7, -0.333333333, 123456.789];
    const back = unpackFloat32(packFloat32(vector));
    expect(back).toEqual(vector.map((v) => Math.fround(v)));
  });

  it('refuses text that is not whole float32 values, or holds non-finite ones', () => {
    expect(unpackFloat32('AAAA')).toBeUndefined(); // 3 bytes
    expect(unpackFloat32(packFloat32([1, Number.NaN]))).toBeUndefined();
    expect(unpackFloat32(packFloat32([Number.POSITIVE_INFINITY]))).toBeUndefined();
    expect(unpackFloat32('')).toEqual([]);
  });

  it('fits the largest carried vector within the length the contracts allow', () => {
    expect(packFloat32(new Array(MAX_CARRIED_DIMENSIONS).fill(0.5)).length).toBeLessThanOrEqual(MAX_FLOAT32_BASE64_LENGTH);
  });
});
