import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/** Files on injects (CONTRACT.md "Attachments, media and read receipts"), stored in PostgreSQL. */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // UTF-8 file names (busboy's default reads them as Latin-1: «Приказ.pdf» would be mojibake).
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 0, parts: 1 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [AttachmentsController],
  providers: [AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
