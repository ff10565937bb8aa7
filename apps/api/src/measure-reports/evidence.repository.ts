import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';

export interface EvidenceFileMeta {
  id: string;
  name: string;
  contentType: string;
  size: number;
  departmentCode: string | null;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface NewEvidenceFile {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
  departmentCode: string | null;
  uploadedBy: string;
  uploadedAt: Date;
}

interface RawMeta {
  id: string;
  name: string;
  content_type: string;
  size: number;
  department_code: string | null;
  uploaded_by: string;
  uploaded_at: Date;
}

const toMeta = (row: RawMeta): EvidenceFileMeta => ({
  id: String(row.id),
  name: row.name,
  contentType: row.content_type,
  size: Number(row.size),
  departmentCode: row.department_code,
  uploadedBy: row.uploaded_by,
  uploadedAt: new Date(row.uploaded_at),
});

const META = `id, name, content_type, size, department_code, uploaded_by, uploaded_at`;

/** SQL of evidence files: kept as uploaded, listed without their bytes. */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly database: Database) {}

  async insert(db: EntityManager, file: NewEvidenceFile): Promise<EvidenceFileMeta> {
    const rows: RawMeta[] = await db.query(
      `INSERT INTO evidence_file (name, content_type, size, sha256, content, department_code,
                                  uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${META}`,
      [
        file.name,
        file.contentType,
        file.size,
        file.sha256,
        file.content,
        file.departmentCode,
        file.uploadedBy,
        file.uploadedAt,
      ],
    );
    return toMeta(rows[0]!);
  }

  async metas(
    ids: readonly string[],
    db: EntityManager = this.database.db,
  ): Promise<EvidenceFileMeta[]> {
    if (ids.length === 0) return [];
    const rows: RawMeta[] = await db.query(
      `SELECT ${META} FROM evidence_file WHERE id = ANY($1::bigint[])`,
      [[...new Set(ids)]],
    );
    return rows.map(toMeta);
  }

  async content(
    id: string,
  ): Promise<{ name: string; contentType: string; content: Buffer } | undefined> {
    const rows: { name: string; content_type: string; content: Buffer }[] =
      await this.database.db.query(
        `SELECT name, content_type, content FROM evidence_file WHERE id = $1`,
        [id],
      );
    const row = rows[0];
    return row
      ? { name: row.name, contentType: row.content_type, content: row.content }
      : undefined;
  }
}
