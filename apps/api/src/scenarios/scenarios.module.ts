import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { CommandPost, Scenario, ScenarioInject } from '@excon/persistence';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ScenariosController } from './scenarios.controller';
import { ScenariosService } from './scenarios.service';

@Module({
  imports: [MikroOrmModule.forFeature([Scenario, ScenarioInject, CommandPost]), AttachmentsModule],
  controllers: [ScenariosController],
  providers: [ScenariosService],
  exports: [ScenariosService],
})
export class ScenariosModule {}
