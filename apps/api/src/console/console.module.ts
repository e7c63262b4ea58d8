import { Module } from '@nestjs/common';
import { DutyMessagesModule } from '../duty-messages/duty-messages.module';
import { ConsoleGateway } from './console.gateway';
import { ConsoleService } from './console.service';

/** The /console socket namespace: the operators' messages, sync, and the duty channels. */
@Module({ imports: [DutyMessagesModule], providers: [ConsoleGateway, ConsoleService] })
export class ConsoleModule {}
