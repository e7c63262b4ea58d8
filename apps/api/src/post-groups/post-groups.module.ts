import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { CommandPost, PostGroup } from '@excon/persistence';
import { PostGroupsController } from './post-groups.controller';
import { PostGroupsService } from './post-groups.service';

/** Post groups that injects may target (issue 12, item 2). */
@Module({
  imports: [MikroOrmModule.forFeature([PostGroup, CommandPost])],
  controllers: [PostGroupsController],
  providers: [PostGroupsService],
})
export class PostGroupsModule {}
