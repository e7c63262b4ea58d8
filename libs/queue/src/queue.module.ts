import { Global, Module } from '@nestjs/common';
import { QueueConnections } from './queue-connections';

@Global()
@Module({ providers: [QueueConnections], exports: [QueueConnections] })
export class QueueModule {}
