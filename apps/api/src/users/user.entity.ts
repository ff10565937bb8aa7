import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { DepartmentEntity } from '../catalog/department.entity.js';

/** A person who signs in: with a password (argon2id hash) or through the provincial single sign-on. */
@Entity('app_user')
@Unique('app_user_username_key', ['username'])
@Unique('app_user_oidc_subject_key', ['oidcSubject'])
@Check('app_user_roles_check', `"roles" <@ ARRAY['admin', 'analyst', 'reporter', 'leader']::text[]`)
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'app_user_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Index('app_user_department_code_idx')
  @Column({ name: 'department_code', type: 'varchar', length: 64, nullable: true })
  departmentCode!: string | null;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'app_user_department_code_fkey',
  })
  department?: DepartmentEntity | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  roles!: string[];

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** argon2id; null for users who only sign in through single sign-on. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  /** The identity provider's subject, once the user has signed in through it. */
  @Column({ name: 'oidc_subject', type: 'text', nullable: true })
  oidcSubject!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
