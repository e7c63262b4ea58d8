import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, STAFF_ROLES, attachmentDisplay, type AttachmentDisplay, type AttachmentSummary } from '@excon/domain';
import type { AttachmentView } from '@excon/contracts';
import { AuditService } from '@excon/engine';
import type { Actor } from '../auth/actor';
import { identifyAttachment } from './attachment-sniffing';

/** The upload as multer hands it over (memory storage, its size already capped by EXCON_ATTACHMENT_MAX_BYTES). */
export interface UploadedAttachment {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** A file checked and hashed, not stored yet. */
export interface PreparedAttachment {
  name: string;
  buffer: Buffer;
  size: number;
  contentType: string;
  sha256: string;
}

/** A file to send: its stored facts and its bytes, read chunk by chunk from PostgreSQL. */
export interface AttachmentDownload {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  display: AttachmentDisplay;
  body: Readable;
}

/** Bytes per row of attachment_chunk: a 20 MiB file is 20 rows, none of them a large single value to copy. */
const CHUNK_BYTES = 1024 * 1024;

const THUMBNAIL_WIDTH = 320;
const THUMBNAIL_HEIGHT = 240;
/** A decompression bomb (a tiny PNG of 100,000 × 100,000 pixels) is refused before it is decoded. */
const THUMBNAIL_MAX_INPUT_PIXELS = 50_000_000;
/** Previews kept in memory (a few KB each), least recently used dropped first. */
const THUMBNAIL_CACHE_ENTRIES = 500;

interface AttachmentRow {
  id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}

const SUMMARY_JSON = `jsonb_build_object('id', a.id, 'name', a.name, 'contentType', a.content_type, 'size', a.size)`;

/**
 * Attachments on injects (CONTRACT.md "Attachments, media and read receipts"). A scenario inject's files are
 * copied, as rows naming the same bytes, to its exercise inject when an exercise is created; an ad-hoc inject gets
 * its own until it fires. Staff may fetch any; an operator only one of an inject delivered to its post, and
 * everything else is 404 (an unfired inject's, another post's, an unknown id alike).
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Previews by content hash, in use order. */
  private readonly thumbnails = new Map<string, Buffer>();

  async addToScenarioInject(scenarioId: string, injectId: string, file: UploadedAttachment | undefined): Promise<AttachmentView> {
    const upload = await this.accept(file);
    return this.em.transactional(async (em) => {
      const [inject] = await em.execute<{ id: string }[]>(`select id from scenario_inject where id = ? and scenario_id = ? for update`, [
        injectId,
        scenarioId,
      ]);
      if (!inject) throw DomainError.notFound('inject');
      await this.storeContent(em, upload);
      const [row] = await em.execute<AttachmentRow[]>(
        `insert into attachment (id, scenario_inject_id, name, content_type, size, sha256, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, clock_timestamp()) returning id, name, content_type, size, sha256`,
        [injectId, upload.name, upload.contentType, upload.size, upload.sha256],
      );
      await em.execute(`update scenario set updated_at = now() where id = ?`, [scenarioId]);
      return toAttachmentView(row);
    });
  }

  /** Only while the inject has not fired (pending or held): its posts keep what they were sent. */
  async addToExerciseInject(exerciseId: string, injectId: string, file: UploadedAttachment | undefined, actor: Actor): Promise<AttachmentView> {
    const upload = await this.accept(file);
    return this.em.transactional(async (em) => {
      await this.lockPendingInject(em, exerciseId, injectId);
      await this.storeContent(em, upload);
      const [row] = await em.execute<AttachmentRow[]>(
        `insert into attachment (id, exercise_inject_id, name, content_type, size, sha256, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, clock_timestamp()) returning id, name, content_type, size, sha256`,
        [injectId, upload.name, upload.contentType, upload.size, upload.sha256],
      );
      await this.refreshInjectList(em, injectId);
      await this.audit.record(em, exerciseId, { id: actor.id, name: actor.username }, 'inject.attachment-added', {
        injectId,
        attachmentId: row.id,
        name: row.name,
        size: row.size,
      });
      return toAttachmentView(row);
    });
  }

  async removeFromScenarioInject(scenarioId: string, injectId: string, attachmentId: string): Promise<void> {
    await this.em.transactional(async (em) => {
      const removed = await em.execute<{ id: string }[]>(
        `delete from attachment a using scenario_inject i
          where a.id = ? and a.scenario_inject_id = i.id and i.id = ? and i.scenario_id = ? returning a.id`,
        [attachmentId, injectId, scenarioId],
      );
      if (!removed.length) throw DomainError.notFound('attachment');
      await em.execute(`update scenario set updated_at = now() where id = ?`, [scenarioId]);
    });
  }

  async removeFromExerciseInject(exerciseId: string, injectId: string, attachmentId: string, actor: Actor): Promise<void> {
    await this.em.transactional(async (em) => {
      await this.lockPendingInject(em, exerciseId, injectId);
      const removed = await em.execute<{ id: string; name: string }[]>(
        `delete from attachment where id = ? and exercise_inject_id = ? returning id, name`,
        [attachmentId, injectId],
      );
      if (!removed.length) throw DomainError.notFound('attachment');
      await this.refreshInjectList(em, injectId);
      await this.audit.record(em, exerciseId, { id: actor.id, name: actor.username }, 'inject.attachment-removed', {
        injectId,
        attachmentId,
        name: removed[0].name,
      });
    });
  }

  /** The files of a scenario's injects, by inject id, in the order added. */
  async ofScenario(scenarioId: string, em: EntityManager = this.em): Promise<Map<string, AttachmentSummary[]>> {
    const rows = await em.execute<{ inject_id: string; list: AttachmentSummary[] }[]>(
      `select a.scenario_inject_id as inject_id, jsonb_agg(${SUMMARY_JSON} order by a.created_at, a.id) as list
         from attachment a join scenario_inject i on i.id = a.scenario_inject_id
        where i.scenario_id = ? group by a.scenario_inject_id`,
      [scenarioId],
    );
    return new Map(rows.map((r) => [r.inject_id, r.list]));
  }

  /**
   * Called in the transaction that creates an exercise: each exercise inject copied from a scenario inject gets
   * rows of its own for the same bytes, and its frozen list.
   */
  async copyToExercise(em: EntityManager, exerciseId: string): Promise<void> {
    // One statement: the new rows, and a media inject's logo pointed at its own copy of the picture.
    await em.execute(
      `with pairs as materialized (
         select a.id as old_id, gen_random_uuid() as new_id, ei.id as inject_id, a.name, a.content_type, a.size, a.sha256, a.created_at
           from attachment a join exercise_inject ei on ei.source_inject_id = a.scenario_inject_id
          where ei.exercise_id = ?),
       copied as (
         insert into attachment (id, exercise_inject_id, name, content_type, size, sha256, created_at)
         select new_id, inject_id, name, content_type, size, sha256, created_at from pairs returning id)
       update exercise_inject ei set media = jsonb_set(ei.media, '{outletLogoAttachmentId}', to_jsonb(p.new_id::text))
         from pairs p
        where p.inject_id = ei.id and ei.media ->> 'outletLogoAttachmentId' = p.old_id::text`,
      [exerciseId],
    );
    await em.execute(
      `update exercise_inject ei set attachments = s.list
         from (select a.exercise_inject_id, jsonb_agg(${SUMMARY_JSON} order by a.created_at, a.id) as list
                 from attachment a join exercise_inject e on e.id = a.exercise_inject_id
                where e.exercise_id = ? group by a.exercise_inject_id) s
        where ei.id = s.exercise_inject_id`,
      [exerciseId],
    );
  }

  /**
   * A small preview of an image (at most 320 × 240, WebP), for a command post on a slow link: the same access as
   * the file. Made by sharp (libvips, off the event loop) on first request and kept per content in this process.
   */
  async thumbnail(actor: Actor, id: string): Promise<Buffer> {
    const row = await this.visibleRow(actor, id);
    if (attachmentDisplay(row.content_type) !== 'image') throw DomainError.notFound('thumbnail');
    const sha256 = row.sha256.trim();
    const cached = this.thumbnails.get(sha256);
    if (cached) {
      this.thumbnails.delete(sha256);
      this.thumbnails.set(sha256, cached);
      return cached;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of this.chunksOf(row)) chunks.push(chunk);
    let made: Buffer;
    try {
      made = await sharp(Buffer.concat(chunks), { limitInputPixels: THUMBNAIL_MAX_INPUT_PIXELS })
        .rotate()
        .resize(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 70 })
        .toBuffer();
    } catch {
      // Bytes that start like an image but do not decode (or a picture beyond the pixel limit): the file stays, without a preview.
      throw DomainError.notFound('thumbnail');
    }
    this.thumbnails.set(sha256, made);
    if (this.thumbnails.size > THUMBNAIL_CACHE_ENTRIES) this.thumbnails.delete(this.thumbnails.keys().next().value as string);
    return made;
  }

  /** The file, for staff, or for an operator whose post received the inject; 404 for anyone else. */
  async download(actor: Actor, id: string): Promise<AttachmentDownload> {
    const row = await this.visibleRow(actor, id);
    return {
      name: row.name,
      contentType: row.content_type,
      size: row.size,
      sha256: row.sha256.trim(),
      display: attachmentDisplay(row.content_type),
      body: Readable.from(this.chunksOf(row)),
    };
  }

  /** The attachment if the actor may fetch it: staff any, an operator only one of an inject its post received. */
  private async visibleRow(actor: Actor, id: string): Promise<AttachmentRow> {
    const staff = STAFF_ROLES.includes(actor.role);
    const [row] = await this.em.execute<AttachmentRow[]>(
      staff
        ? `select id, name, content_type, size, sha256 from attachment where id = ?`
        : `select a.id, a.name, a.content_type, a.size, a.sha256 from attachment a
            where a.id = ? and exists (select 1 from delivery d where d.exercise_inject_id = a.exercise_inject_id and d.command_post_id = ?)`,
      staff ? [id] : [id, actor.commandPostId],
    );
    if (!row) throw DomainError.notFound('attachment');
    return row;
  }

  /** The bytes, one chunk at a time, on a connection of their own (the response may outlive the request's context). */
  private async *chunksOf(row: AttachmentRow): AsyncGenerator<Buffer> {
    const em = this.em.fork();
    for (let n = 0; n < Math.ceil(row.size / CHUNK_BYTES); n++) {
      const [chunk] = await em.execute<{ data: Buffer }[]>(`select data from attachment_chunk where sha256 = ? and n = ?`, [row.sha256, n]);
      if (!chunk) throw new Error(`attachment ${row.id}: chunk ${n} of ${row.sha256} is missing`);
      yield chunk.data;
    }
  }

  /** Checks the upload and works out what it is; nothing is written yet. */
  private accept(file: UploadedAttachment | undefined): Promise<PreparedAttachment> {
    if (!file) throw DomainError.invalid([{ field: 'file', message: 'send the file as the multipart field "file"' }]);
    return this.prepare(file.originalname, file.buffer);
  }

  /** A file checked (name, size, sniffed type) and hashed, ready to store; a refusal names `field`. */
  async prepare(originalName: string, buffer: Buffer, field = 'file'): Promise<PreparedAttachment> {
    const name = originalName.split(/[\\/]/).pop()?.trim() ?? '';
    if (!name || name.length > 255) throw DomainError.invalid([{ field, message: 'needs a file name of 1 to 255 characters' }]);
    if (buffer.length === 0) throw DomainError.invalid([{ field, message: `«${name}» is empty` }]);
    const identified = await identifyAttachment(name, buffer);
    if (!identified.ok) throw DomainError.unsupported(field, identified.message);
    return { name, buffer, size: buffer.length, contentType: identified.contentType, sha256: createHash('sha256').update(buffer).digest('hex') };
  }

  /** Stores a prepared file on a scenario inject inside the caller's transaction (an MSEL package's import). */
  async attachInTransaction(em: EntityManager, scenarioInjectId: string, upload: PreparedAttachment): Promise<string> {
    await this.storeContent(em, upload);
    const [row] = await em.execute<{ id: string }[]>(
      `insert into attachment (id, scenario_inject_id, name, content_type, size, sha256, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, clock_timestamp()) returning id`,
      [scenarioInjectId, upload.name, upload.contentType, upload.size, upload.sha256],
    );
    return row.id;
  }

  /** A scenario's files with their bytes, by inject id (an MSEL package's export; staff only). */
  async filesOfScenario(scenarioId: string): Promise<{ injectId: string; id: string; name: string; bytes: Buffer }[]> {
    const rows = await this.em.execute<(AttachmentRow & { inject_id: string })[]>(
      `select a.id, a.name, a.content_type, a.size, a.sha256, a.scenario_inject_id as inject_id
         from attachment a join scenario_inject i on i.id = a.scenario_inject_id
        where i.scenario_id = ? order by a.created_at, a.id`,
      [scenarioId],
    );
    const files = [];
    for (const row of rows) {
      const chunks: Buffer[] = [];
      for await (const chunk of this.chunksOf(row)) chunks.push(chunk);
      files.push({ injectId: row.inject_id, id: row.id, name: row.name, bytes: Buffer.concat(chunks) });
    }
    return files;
  }

  /**
   * The bytes, once per content. The advisory lock on the hash keeps an upload and the trigger that drops the
   * chunks of a content's last attachment (see the migration) from passing each other.
   */
  private async storeContent(em: EntityManager, upload: { buffer: Buffer; sha256: string }): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [upload.sha256]);
    const [stored] = await em.execute<{ chunks: number }[]>(`select count(*)::int as chunks from attachment_chunk where sha256 = ?`, [upload.sha256]);
    const chunks = Math.ceil(upload.buffer.length / CHUNK_BYTES);
    if (stored.chunks === chunks) return;
    await em.execute(`delete from attachment_chunk where sha256 = ?`, [upload.sha256]);
    for (let n = 0; n < chunks; n++) {
      await em.execute(`insert into attachment_chunk (sha256, n, data) values (?, ?, ?)`, [
        upload.sha256,
        n,
        upload.buffer.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES),
      ]);
    }
  }

  private async lockPendingInject(em: EntityManager, exerciseId: string, injectId: string): Promise<void> {
    const [inject] = await em.execute<{ status: string }[]>(`select status from exercise_inject where id = ? and exercise_id = ? for update`, [
      injectId,
      exerciseId,
    ]);
    if (!inject) throw DomainError.notFound('inject');
    if (inject.status === 'fired' || inject.status === 'skipped') {
      throw DomainError.conflict(`the inject is ${inject.status}: its posts keep the files it was sent with`);
    }
  }

  private async refreshInjectList(em: EntityManager, injectId: string): Promise<void> {
    await em.execute(
      `update exercise_inject set attachments = coalesce(
         (select jsonb_agg(${SUMMARY_JSON} order by a.created_at, a.id) from attachment a where a.exercise_inject_id = ?), '[]'::jsonb)
        where id = ?`,
      [injectId, injectId],
    );
  }
}

function toAttachmentView(row: AttachmentRow): AttachmentView {
  return { id: row.id, name: row.name, contentType: row.content_type, size: row.size, sha256: row.sha256.trim() };
}
