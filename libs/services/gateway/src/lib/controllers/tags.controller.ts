import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, SearchListTags } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BUS_PROBLEMS } from '../http/api-docs';
import { TagsReplyView } from '../http/models/reputation.models';

const { defaultLimit, maxLimit } = SearchListTags.TAG_LIST_LIMITS;

@ApiTags('tags')
@ApiSecurity('api-key')
@Controller('tags')
export class TagsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({ summary: 'The tags in use, with how many served traces carry each, the most used first' })
  @ApiQuery({ name: 'prefix', required: false, type: String, description: 'only tags that start with this' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `at most this many tags, 1-${maxLimit} (default ${defaultLimit})` })
  @ApiSuccess(200, TagsReplyView, 'tags: the CommonTrace v1 list of names; counts and total beside it')
  @ApiProblems(...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ErrorCode.ValidationFailed)
  list(@Query() query: SearchListTags.ListTagsQuery) {
    return this.bus.request(SearchListTags.contract, query);
  }
}
