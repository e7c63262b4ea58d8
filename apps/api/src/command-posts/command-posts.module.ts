import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { CommandPost } from '@excon/persistence';
import { CommandPostsController } from './command-posts.controller';
import { CommandPostsService } from './command-posts.service';

@Module({
  imports: [MikroOrmModule.forFeature([CommandPost])],
  controllers: [CommandPostsController],
  providers: [CommandPostsService],
  exports: [CommandPostsService],
})
export class CommandPostsModule {}
