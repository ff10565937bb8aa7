import { z } from 'zod';
import { DepartmentRefSchema, DEPARTMENT_CODE_PATTERN, REGION_CODE_PATTERN } from './catalog.js';
import { defineRoute } from './route.js';
import { CursorSchema, fieldMessage } from './validation.js';

/**
 * admin: the bureau, everything. analyst: the bureau, reads all and manages alerts and rules.
 * reporter: a department, reports figures for its assignments. leader: reads all, receives alerts.
 */
export const ROLES = ['admin', 'analyst', 'reporter', 'leader'] as const;
export type Role = (typeof ROLES)[number];

const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, fieldMessage('username_format'));
const password = z.string().min(12, fieldMessage('password_length')).max(256);
const departmentCode = z.string().regex(DEPARTMENT_CODE_PATTERN, fieldMessage('department_code'));

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  department: DepartmentRefSchema.nullable(),
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
  signIn: z.enum(['password', 'oidc']).describe('how the user signs in'),
  createdAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof UserSchema>;

export const LoginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const SessionSchema = z.object({
  accessToken: z
    .string()
    .describe('send as Authorization: Bearer; the session cookie carries the same session'),
  expiresAt: z.iso.datetime({ offset: true }),
  csrfToken: z
    .string()
    .describe('send back as X-CSRF-Token on writes made with the session cookie'),
  user: UserSchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const MeSchema = z.object({ user: UserSchema, csrfToken: z.string().nullable() });
export type Me = z.infer<typeof MeSchema>;

export const AuthConfigSchema = z.object({
  oidc: z.object({ enabled: z.boolean(), label: z.string() }),
});
export type AuthConfig = z.infer<typeof AuthConfigSchema>;

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});

export const UserCreateSchema = z.strictObject({
  username,
  password,
  displayName: z.string().trim().min(1).max(100),
  email: z.email().max(200).optional(),
  department: departmentCode.optional(),
  roles: z.array(z.enum(ROLES)).default([]),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(200).nullable().optional(),
  department: departmentCode.nullable().optional(),
  roles: z.array(z.enum(ROLES)).optional(),
  disabled: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const PasswordResetSchema = z.strictObject({ password });

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  department: DepartmentRefSchema,
  prefix: z.string().describe('the first characters of the key, to recognise it'),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const ApiKeyCreateSchema = z.strictObject({
  department: departmentCode,
  name: z.string().trim().min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export const ApiKeyCreatedSchema = ApiKeySchema.extend({
  key: z.string().describe('the key itself: shown this once, stored only as a hash'),
});

export const AssignmentSchema = z.object({
  department: DepartmentRefSchema,
  indicator: z.string(),
  regions: z.array(z.string()),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const AssignmentSetSchema = z.strictObject({
  department: departmentCode,
  indicator: z.string().min(1).max(64),
  regions: z
    .array(z.string().regex(REGION_CODE_PATTERN, fieldMessage('region_code')))
    .describe(
      'every region the department reports for this indicator; empty removes the assignment',
    ),
});

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  actor: z.object({
    kind: z.enum(['user', 'api_key', 'system', 'anonymous']),
    id: z.string().nullable(),
    name: z.string(),
  }),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  outcome: z.enum(['done', 'denied']),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  correlationId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.strictObject({
  actor: z.string().max(64).optional().describe('username or API key prefix'),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(['done', 'denied']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: CursorSchema.optional().describe('page: entries older than this id'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const IdParams = z.strictObject({
  id: z.string().regex(/^\d{1,18}$/, fieldMessage('target_version_id')),
});

export const authRoutes = {
  authConfig: defineRoute({
    method: 'GET',
    path: '/auth/config',
    summary: 'How users can sign in (for the login page)',
    tag: 'auth',
    access: 'public',
    response: AuthConfigSchema,
  }),
  login: defineRoute({
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in with username and password: a bearer token and an HttpOnly session cookie',
    tag: 'auth',
    access: 'public',
    body: LoginSchema,
    response: SessionSchema,
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/auth/logout',
    summary: 'End this session (the cookie and the token stop working)',
    access: 'signed-in',
    tag: 'auth',
    body: z.strictObject({}),
    response: z.undefined(),
    status: 204,
  }),
  me: defineRoute({
    method: 'GET',
    path: '/auth/me',
    summary: 'The signed-in user',
    access: 'signed-in',
    tag: 'auth',
    response: MeSchema,
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/auth/password',
    summary: 'Change your own password (other sessions end)',
    access: 'signed-in',
    tag: 'auth',
    body: PasswordChangeSchema,
    response: z.undefined(),
    status: 204,
  }),
  listUsers: defineRoute({
    method: 'GET',
    path: '/users',
    summary: 'Users',
    tag: 'users',
    access: ['admin'],
    query: z.strictObject({}),
    response: z.array(UserSchema),
  }),
  createUser: defineRoute({
    method: 'POST',
    path: '/users',
    summary: 'Create a user with a password',
    tag: 'users',
    access: ['admin'],
    body: UserCreateSchema,
    response: UserSchema,
    status: 201,
  }),
  updateUser: defineRoute({
    method: 'PATCH',
    path: '/users/:id',
    summary:
      'Change a user: name, e-mail, department, roles, or disable (which ends their sessions)',
    tag: 'users',
    access: ['admin'],
    params: IdParams,
    body: UserUpdateSchema,
    response: UserSchema,
  }),
  resetPassword: defineRoute({
    method: 'POST',
    path: '/users/:id/password',
    summary: "Set a user's password (their sessions end)",
    tag: 'users',
    access: ['admin'],
    params: IdParams,
    body: PasswordResetSchema,
    response: z.undefined(),
    status: 204,
  }),
  listApiKeys: defineRoute({
    method: 'GET',
    path: '/api-keys',
    summary: "API keys of departments' own systems",
    tag: 'api keys',
    access: ['admin'],
    query: z.strictObject({}),
    response: z.array(ApiKeySchema),
  }),
  createApiKey: defineRoute({
    method: 'POST',
    path: '/api-keys',
    summary: "Create a key for a department's system; the key is shown once",
    tag: 'api keys',
    access: ['admin'],
    body: ApiKeyCreateSchema,
    response: ApiKeyCreatedSchema,
    status: 201,
  }),
  revokeApiKey: defineRoute({
    method: 'DELETE',
    path: '/api-keys/:id',
    summary: 'Revoke a key',
    tag: 'api keys',
    access: ['admin'],
    params: IdParams,
    response: z.undefined(),
    status: 204,
  }),
  listAssignments: defineRoute({
    method: 'GET',
    path: '/assignments',
    summary: 'Who reports which indicator for which regions',
    tag: 'assignments',
    query: z.strictObject({
      department: departmentCode.optional(),
      indicator: z.string().max(64).optional(),
    }),
    response: z.array(AssignmentSchema),
  }),
  setAssignment: defineRoute({
    method: 'PUT',
    path: '/assignments',
    summary: 'Set the regions a department reports for an indicator',
    tag: 'assignments',
    access: ['admin'],
    body: AssignmentSetSchema,
    response: z.array(AssignmentSchema),
  }),
  listAudit: defineRoute({
    method: 'GET',
    path: '/audit',
    summary: 'The audit trail, newest first: every write, and every refused attempt',
    tag: 'audit',
    access: ['admin'],
    query: AuditQuerySchema,
    response: z.array(AuditEntrySchema),
  }),
};
