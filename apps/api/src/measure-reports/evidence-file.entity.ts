import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DepartmentEntity } from '../catalog/department.entity.js';

/**
 * A file uploaded as evidence (佐证材料) to cite in a measure report, a node task's completion or a
 * reply to a notice: its bytes as received, kept for good.
 */
@Entity('evidence_file')
export class EvidenceFileEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'evidence_file_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The type the bytes show (sniffed), never what the uploader claimed. */
  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  /** The uploader's unit; null for an administrator of no unit. */
  @Index('evidence_file_department_code_idx')
  @Column({ name: 'department_code', type: 'varchar', length: 64, nullable: true })
  departmentCode!: string | null;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'evidence_file_department_code_fkey',
  })
  department?: DepartmentEntity | null;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
