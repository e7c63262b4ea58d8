import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandPostView } from '@excon/contracts';
import { Roles } from '../auth/access.decorators';
import { CommandPostsService } from './command-posts.service';
import { CreateCommandPostDto } from './create-command-post.dto';

@ApiTags('command-posts')
@ApiBearerAuth()
@Controller('command-posts')
export class CommandPostsController {
  constructor(private readonly commandPosts: CommandPostsService) {}

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateCommandPostDto): Promise<CommandPostView> {
    return this.commandPosts.create(dto);
  }

  /** Every role: consoles need the posts' names and time zones. */
  @Get()
  list(): Promise<CommandPostView[]> {
    return this.commandPosts.list();
  }
}
