import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { CreateUserDto } from './create-user.dto';
import { UpdateMeDto } from './update-me.dto';
import { UserView } from './user.view';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** `commandPostId` is required for an operator and refused for every other role. */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: UserView })
  @ApiErrorResponses(400, 403, [409, 'The username is taken'], 413, 415)
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  /** Every user, shaped as above. */
  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: [UserView] })
  @ApiErrorResponses(403)
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  /** The caller. */
  @Get('me')
  @ApiOkResponse({ type: UserView })
  @ApiErrorResponses([404, 'The token’s user no longer exists'])
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor.id);
  }

  /** The caller's interface language and display name. */
  @Patch('me')
  @ApiOkResponse({ type: UserView })
  @ApiErrorResponses(400, [404, 'The token’s user no longer exists'], 413, 415)
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<UserView> {
    return this.users.updateMe(actor.id, dto);
  }
}
