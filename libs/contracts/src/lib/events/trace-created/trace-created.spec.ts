import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { packFloat32 } from '../../core/float32-base64';
import { TraceCreatedEvent } from './trace-created';

const base = { trace_id: '4f0c7c54-43b6-4a52-9a3f-59a3c2f1b0d1', contributor_id: '0b6f7a2e-9f0b-4a2f-8d55-1f6a8a3e2c11', content_hash: 'a'.repeat(64), version: 1 };
const errorsOf = (data: object) => validateSync(plainToInstance(TraceCreatedEvent, data) as object);

describe('TraceCreatedEvent', () => {
  it('carries a vector as float32 base64', () => {
    expect(errorsOf({ ...base, embedding: { model: 'offline-hash-v1', float32: packFloat32([0.5, -0.25]) } })).toEqual([]);
    expect(errorsOf({ ...base, embedding: { model: 'offline-hash-v1', float32: 'not base64!' } })).not.toEqual([]);
  });

  it('stays valid in the shape written before float32 (a JSON vector), so its consumers still handle it', () => {
    expect(errorsOf({ ...base, embedding: { model: 'offline-hash-v1', vector: [0.5, -0.25] } })).toEqual([]);
    expect(errorsOf(base)).toEqual([]);
  });
});
