import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { CreatePostGroupDto, UpdatePostGroupDto } from './post-group.dto';
import { PostGroupView } from './post-group.view';
import { PostGroupsService } from './post-groups.service';

@ApiTags('organisation')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('post-groups')
export class PostGroupsController {
  constructor(private readonly groups: PostGroupsService) {}

  /** A group of active command posts; its code is unique among groups and posts. */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: PostGroupView })
  @ApiErrorResponses([400, 'Bad input, or commandPostIds names no active post'], 403, [409, 'The code is taken (by a group or a post)'], 413, 415)
  create(@Body() dto: CreatePostGroupDto, @CurrentActor() actor: Actor): Promise<PostGroupView> {
    return this.groups.create(dto, actor);
  }

  /** Every role. */
  @Get()
  @ApiOkResponse({ type: [PostGroupView], description: 'Ordered by code' })
  list(): Promise<PostGroupView[]> {
    return this.groups.list();
  }

  /** Exercises created before keep the posts the group had then. */
  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: PostGroupView })
  @ApiErrorResponses(400, 403, 404, [409, 'The code is taken (by a group or a post)'], 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdatePostGroupDto, @CurrentActor() actor: Actor): Promise<PostGroupView> {
    return this.groups.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 403, 404, [409, 'A scenario inject still targets it'])
  remove(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.groups.remove(id, actor);
  }
}
