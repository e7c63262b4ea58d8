import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { CommandPostView } from './command-post.view';
import { CommandPostsService } from './command-posts.service';
import { CreateCommandPostDto, UpdateCommandPostDto } from './create-command-post.dto';

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
  @ApiErrorResponses(400, 403, [409, 'The code is taken (by a post or a post group)'], 413, 415)
  create(@Body() dto: CreateCommandPostDto, @CurrentActor() actor: Actor): Promise<CommandPostView> {
    return this.commandPosts.create(dto, actor);
  }

  /** Deactivating (`active: false`) keeps the post's history; a post is never deleted. */
  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: CommandPostView })
  @ApiErrorResponses([400, 'Bad input, or ministryId names no active ministry'], 403, 404, 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateCommandPostDto, @CurrentActor() actor: Actor): Promise<CommandPostView> {
    return this.commandPosts.update(id, dto, actor);
  }

  /** Every role: consoles need the posts' names and time zones. */
  @Get()
  @ApiOkResponse({ type: [CommandPostView], description: 'Ordered by code' })
  list(): Promise<CommandPostView[]> {
    return this.commandPosts.list();
  }
}
