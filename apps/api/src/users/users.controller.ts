import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { DuringPasswordChange, Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { ChangePasswordDto, PasswordResetDto, UpdateUserDto } from './account.dto';
import { CreateUserDto } from './create-user.dto';
import { SessionView } from './session.view';
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
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.create(dto, actor);
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
  @DuringPasswordChange()
  @ApiOkResponse({ type: UserView })
  @ApiErrorResponses([404, 'The token’s user no longer exists'])
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor.id);
  }

  /** The caller's interface language and display name. */
  @Patch('me')
  @ApiOkResponse({ type: UserView })
  @ApiErrorResponses(400, 403, [404, 'The token’s user no longer exists'], 413, 415)
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<UserView> {
    return this.users.updateMe(actor.id, dto);
  }

  /** The caller's own password; every other session of theirs ends. Also how a reset password is replaced. */
  @Post('me/password')
  @HttpCode(204)
  @DuringPasswordChange()
  @ApiNoContentResponse()
  @ApiErrorResponses([400, 'currentPassword is wrong, or newPassword is too short, common or unchanged'], 413, 415)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.users.changePassword(actor, dto);
  }

  /** The caller's sessions: open ones first (device, address, last seen), then the latest ended ones. */
  @Get('me/sessions')
  @DuringPasswordChange()
  @ApiOkResponse({ type: [SessionView] })
  sessions(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.users.listSessions(actor);
  }

  /** Ends one of the caller's sessions: its tokens answer 401 and its sockets are disconnected at once. */
  @Delete('me/sessions/:sessionId')
  @HttpCode(204)
  @DuringPasswordChange()
  @ApiNoContentResponse()
  @ApiErrorResponses(400, [404, 'No session of the caller has this id'])
  endSession(@CurrentActor() actor: Actor, @Param('sessionId', UuidPipe) sessionId: string): Promise<void> {
    return this.users.endSession(actor, sessionId);
  }

  /** An admin's change; a change of role, post or `active` ends all the user's sessions. */
  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserView })
  @ApiErrorResponses(400, 403, 404, [409, 'It would leave no active admin'], 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.update(id, dto, actor);
  }

  /** An admin sets a new password; the user must choose their own at the next login, and all its sessions end. */
  @Post(':id/password-reset')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrorResponses(400, 403, 404, 413, 415)
  resetPassword(@Param('id', UuidPipe) id: string, @Body() dto: PasswordResetDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.users.resetPassword(id, dto, actor);
  }
}
