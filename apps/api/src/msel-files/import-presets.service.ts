import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type MselImportOptions } from '@excon/domain';
import { ImportPreset } from '@excon/persistence';
import type { ImportPresetView } from '@excon/contracts';
import type { SaveImportPresetDto } from './import-preset.dto';

function toView(preset: ImportPreset): ImportPresetView {
  return { id: preset.id, name: preset.name, options: preset.options, updatedAt: preset.updatedAt.toISOString() };
}

/** Saved import mappings, shared by the installation's controllers. */
@Injectable()
export class ImportPresetsService {
  constructor(private readonly em: EntityManager) {}

  async list(): Promise<ImportPresetView[]> {
    return (await this.em.find(ImportPreset, {}, { orderBy: { name: 'asc' } })).map(toView);
  }

  findByName(name: string): Promise<ImportPreset | null> {
    return this.em.findOne(ImportPreset, { name });
  }

  /** Saving under a name that exists replaces that preset's options (one statement, so two saves cannot both create it). */
  async save(dto: SaveImportPresetDto, actorId: string): Promise<ImportPresetView> {
    const now = new Date();
    const [saved] = await this.em.execute<{ id: string; name: string; options: MselImportOptions; updated_at: Date }[]>(
      `insert into import_preset (id, name, options, created_by_id, created_at, updated_at) values (gen_random_uuid(), ?, ?, ?, ?, ?)
       on conflict (name) do update set options = excluded.options, updated_at = excluded.updated_at
       returning id, name, options, updated_at`,
      [dto.name, JSON.stringify(dto.options), actorId, now, now],
    );
    return { id: saved.id, name: saved.name, options: saved.options, updatedAt: new Date(saved.updated_at).toISOString() };
  }

  async remove(id: string): Promise<void> {
    const deleted = await this.em.nativeDelete(ImportPreset, { id });
    if (!deleted) throw DomainError.notFound('import preset');
  }
}
