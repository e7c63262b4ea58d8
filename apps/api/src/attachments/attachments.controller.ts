import { Controller, Delete, Get, Header, HttpCode, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  type ApiBodyOptions,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import { ATTACHMENT_TYPES } from '@excon/domain';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { AttachmentView } from './attachment.view';
import { AttachmentsService, type UploadedAttachment } from './attachments.service';

/** Size limits and the field's name come from AttachmentsModule's MulterModule (EXCON_ATTACHMENT_MAX_BYTES). */
const UPLOAD = FileInterceptor('file');

const UPLOAD_BODY: ApiBodyOptions = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: `The file: ${Object.keys(ATTACHMENT_TYPES).join(', ')}` } },
  },
};
const REFUSED = 'The bytes are not what the file name claims, or not a kind of file an inject may carry';
const FIRED = 'The inject has fired (or was skipped): its posts keep the files it was sent with';

/** Files on injects: controllers attach them in the MSEL and to ad-hoc injects; posts that received the inject fetch them. */
@ApiTags('attachments')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('scenarios/:id/injects/:injectId/attachments')
  @Roles('admin', 'controller')
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiErrorResponses([400, 'No file, or an empty one'], 403, 404, [413, 'Larger than EXCON_ATTACHMENT_MAX_BYTES'], [415, REFUSED])
  addToScenarioInject(
    @Param('id', UuidPipe) id: string,
    @Param('injectId', UuidPipe) injectId: string,
    @UploadedFile() file: UploadedAttachment | undefined,
  ): Promise<AttachmentView> {
    return this.attachments.addToScenarioInject(id, injectId, file);
  }

  @Delete('scenarios/:id/injects/:injectId/attachments/:attachmentId')
  @HttpCode(204)
  @Roles('admin', 'controller')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 403, 404)
  removeFromScenarioInject(
    @Param('id', UuidPipe) id: string,
    @Param('injectId', UuidPipe) injectId: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<void> {
    return this.attachments.removeFromScenarioInject(id, injectId, attachmentId);
  }

  /** On an exercise inject (typically an ad-hoc one) that has not fired yet. */
  @Post('exercises/:id/injects/:injectId/attachments')
  @Roles('controller')
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiErrorResponses([400, 'No file, or an empty one'], 403, 404, [409, FIRED], [413, 'Larger than EXCON_ATTACHMENT_MAX_BYTES'], [415, REFUSED])
  addToExerciseInject(
    @Param('id', UuidPipe) id: string,
    @Param('injectId', UuidPipe) injectId: string,
    @UploadedFile() file: UploadedAttachment | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<AttachmentView> {
    return this.attachments.addToExerciseInject(id, injectId, file, actor);
  }

  @Delete('exercises/:id/injects/:injectId/attachments/:attachmentId')
  @HttpCode(204)
  @Roles('controller')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 403, 404, [409, FIRED])
  removeFromExerciseInject(
    @Param('id', UuidPipe) id: string,
    @Param('injectId', UuidPipe) injectId: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.attachments.removeFromExerciseInject(id, injectId, attachmentId, actor);
  }

  /**
   * The file: images, PDFs and text inline (a PDF opens in the browser's viewer), anything else as a download;
   * always nosniff, with the SHA-256 as its ETag. Staff get any; an operator only the files of injects its post
   * received: 404 for everything else, an unfired inject's included.
   */
  /** An image's preview, at most 320 × 240 pixels as WebP; 404 for anything that is not an image, and as for the file. */
  @Get('attachments/:id/thumbnail')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, max-age=3600')
  @ApiOkResponse({ description: 'The preview', content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrorResponses(400, 404)
  async thumbnail(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const bytes = await this.attachments.thumbnail(actor, id);
    return new StreamableFile(bytes, { type: 'image/webp', length: bytes.length });
  }

  @Get('attachments/:id')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, max-age=3600')
  @ApiOkResponse({
    description: 'The bytes, with the sniffed Content-Type (image/png, application/pdf, …)',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrorResponses(400, 404)
  async download(
    @Param('id', UuidPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.attachments.download(actor, id);
    response.setHeader('ETag', `"${file.sha256}"`);
    response.setHeader('Content-Disposition', contentDisposition(file.name, { type: file.display === 'download' ? 'attachment' : 'inline' }));
    return new StreamableFile(file.body, {
      type: file.display === 'text' ? `${file.contentType}; charset=utf-8` : file.contentType,
      length: file.size,
    });
  }
}
