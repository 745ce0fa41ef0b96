// The answers of the key routes, for the OpenAPI document (see trace.models.ts).
import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_TIERS } from '@commontrace/contracts';
import type { KeyView } from '../../auth/key-view';
import { KEY_SCOPES, KeyScope } from '../../auth/scopes';
import type { CreateApiKeyReply } from '../../usecases/create-api-key/create-api-key.usecase';
import type { IssuedKey } from '../../usecases/issue-api-key/issue-api-key.usecase';
import type { ListApiKeysReply } from '../../usecases/list-api-keys/list-api-keys.usecase';
import type { RotatedKey } from '../../usecases/rotate-api-key/rotate-api-key.usecase';
import { EXAMPLE_ACCOUNT_ID, EXAMPLE_TIME } from './trace.models';

const KEY_ID = '4e9b2c7a-1d3f-4a8e-b6c5-2f0d9e8a7b14';
const API_KEY = 'ct_live_3q2VJx0mR8kTzWb1LhN5sY7aPdE9fGc4';

export class RegisteredKeyView implements CreateApiKeyReply {
  @ApiProperty({ example: API_KEY, description: 'CommonTrace v1: the key, shown here once; send it as X-API-Key' }) api_key!: string;
  @ApiProperty({ format: 'uuid', example: KEY_ID }) key_id!: string;
  @ApiProperty({ example: 'ct_live_3q2V', description: 'how the key shows in lists' }) prefix!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID, description: 'the new account' }) contributor_id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID, description: 'CommonTrace v1: the same as contributor_id' }) user_id!: string;
  @ApiProperty({ enum: ACCOUNT_TIERS, example: 'free' }) tier!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
}

export class KeyViewModel implements KeyView {
  @ApiProperty({ format: 'uuid', example: KEY_ID }) id!: string;
  @ApiProperty({ example: 'ct_live_3q2V' }) prefix!: string;
  @ApiProperty({ type: String, nullable: true, example: 'default' }) name!: string | null;
  @ApiProperty({ type: [String], enum: KEY_SCOPES, example: ['read', 'write', 'vote'] }) scopes!: KeyScope[];
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: EXAMPLE_TIME }) last_used_at!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) expires_at!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) revoked_at!: string | null;
  @ApiProperty({ example: true, description: 'the key that made this request' }) current!: boolean;
}

export class IssuedKeyView extends KeyViewModel implements IssuedKey {
  @ApiProperty({ example: API_KEY, description: 'the key itself, shown here once' }) api_key!: string;
}

export class KeyListView implements ListApiKeysReply {
  @ApiProperty({ type: [KeyViewModel] }) keys!: KeyViewModel[];
}

export class RotatedKeyView implements RotatedKey {
  @ApiProperty({ type: IssuedKeyView, description: 'the new key (same name, scopes and expiry), shown once' }) key!: IssuedKeyView;
  @ApiProperty({ type: KeyViewModel, description: 'the old key, expires_at at the end of its grace period' }) replaced!: KeyViewModel;
}

/** GET /keys/verify. */
export class KeyCheckView {
  @ApiProperty({ example: true, description: 'CommonTrace v1' }) valid!: boolean;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID, description: 'CommonTrace v1: the account' }) user_id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) contributor_id!: string;
  @ApiProperty({ enum: ACCOUNT_TIERS, example: 'free' }) tier!: string;
  @ApiProperty({ format: 'uuid', example: KEY_ID }) key_id!: string;
  @ApiProperty({ type: [String], enum: KEY_SCOPES, example: ['read', 'write', 'vote'] }) scopes!: KeyScope[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) expires_at!: string | null;
}
