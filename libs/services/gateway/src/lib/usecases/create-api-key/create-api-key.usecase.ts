import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { AccountEntity, ApiKeyEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { displayPrefix, generateApiKey } from '../../auth/api-key';
import { KeyHasher } from '../../auth/key-hasher';

export class CreateApiKeyRequest {
  /** A name for the agent or its owner, shown nowhere public. */
  @ApiPropertyOptional({ maxLength: 100, example: 'ci-agent', description: 'a name for the agent or its owner, shown nowhere public' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, example: 'agent-owner@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** CommonTrace v1's name for `name` (used when `name` is absent). */
  @ApiPropertyOptional({ maxLength: 100, example: 'ci-agent', description: 'CommonTrace v1: the same as name (name wins when both are sent)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  display_name?: string;
}

export interface CreateApiKeyReply {
  api_key: string;
  key_id: string;
  prefix: string;
  contributor_id: string;
  /** CommonTrace v1's name for contributor_id. */
  user_id: string;
  tier: string;
  created_at: string;
}

/** Registers a new account with its first key. The key is returned here once and never again. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: KeyHasher,
  ) {}

  /** `origin`: the hash of the client's network (registrationOrigin), recorded so that one origin's accounts count once. */
  async execute(request: CreateApiKeyRequest, origin: string | null = null): Promise<CreateApiKeyReply> {
    const key = generateApiKey();
    return this.dataSource.transaction(async (m) => {
      const account = await m.save(m.create(AccountEntity, { name: request.name ?? request.display_name ?? null, email: request.email ?? null, origin }));
      const row = await m.save(
        m.create(ApiKeyEntity, { account_id: account.id, ...this.hasher.stored(key), prefix: displayPrefix(key), name: 'default' }),
      );
      return {
        api_key: key,
        key_id: row.id,
        prefix: row.prefix,
        contributor_id: account.id,
        user_id: account.id,
        tier: account.tier,
        created_at: row.created_at.toISOString(),
      };
    });
  }
}
