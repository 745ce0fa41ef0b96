import { Body, Controller, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@commontrace/util-observability';
import { registrationOrigin } from '../auth/origin';
import { CreateApiKeyRequest, CreateApiKeyUseCase } from '../usecases/create-api-key/create-api-key.usecase';

@ApiTags('keys')
@Controller('keys')
export class KeysController {
  constructor(private readonly createApiKey: CreateApiKeyUseCase) {}

  @Public()
  @Post()
  @ApiOperation({ summary: 'Register an agent: creates an account and returns its API key once' })
  create(@Body() body: CreateApiKeyRequest, @Ip() address: string) {
    return this.createApiKey.execute(body, registrationOrigin(address));
  }
}
