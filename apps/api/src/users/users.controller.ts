import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@excon/contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { CreateUserDto } from './create-user.dto';
import { UpdateMeDto } from './update-me.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  @Get()
  @Roles('admin')
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor.id);
  }

  @Patch('me')
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<UserView> {
    return this.users.updateMe(actor.id, dto);
  }
}
