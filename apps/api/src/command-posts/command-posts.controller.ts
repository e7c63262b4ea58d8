import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CommandPostView } from './command-post.view';
import { CommandPostsService } from './command-posts.service';
import { CreateCommandPostDto } from './create-command-post.dto';

@ApiTags('command-posts')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('command-posts')
export class CommandPostsController {
  constructor(private readonly commandPosts: CommandPostsService) {}

  /** A command post; its `code` is unique. */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: CommandPostView })
  @ApiErrorResponses(400, 403, [409, 'The code is taken'], 413, 415)
  create(@Body() dto: CreateCommandPostDto): Promise<CommandPostView> {
    return this.commandPosts.create(dto);
  }

  /** Every role: consoles need the posts' names and time zones. */
  @Get()
  @ApiOkResponse({ type: [CommandPostView], description: 'Ordered by code' })
  list(): Promise<CommandPostView[]> {
    return this.commandPosts.list();
  }
}
